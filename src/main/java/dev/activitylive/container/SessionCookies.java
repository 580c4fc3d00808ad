package dev.activitylive.container;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Marks the session cookie {@code SameSite=Strict} on the {@code Set-Cookie} header itself, because Payara ignores the
 * standard cookie attributes (web.xml {@code <attribute>}, {@code SessionCookieConfig.setAttribute}): checked on
 * Payara Micro 6.2025.10 and 7.2025.1. Where a container honours them the header already says so and is left alone.
 */
public final class SessionCookies {

    private SessionCookies() {
    }

    /**
     * Marks the session cookie the container just set on {@code response}: no other site's page sends it then, its
     * WebSocket handshakes included.
     */
    public static void strictSameSite(HttpServletResponse response, ServletContext context) {
        String name = Optional.ofNullable(context.getSessionCookieConfig().getName()).orElse("JSESSIONID");
        List<String> cookies = List.copyOf(response.getHeaders("Set-Cookie"));
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = cookies.get(i);
            String marked = cookie.startsWith(name + "=") && !cookie.toLowerCase(Locale.ROOT).contains("samesite")
                    ? cookie + "; SameSite=Strict" : cookie;
            if (i == 0) {
                response.setHeader("Set-Cookie", marked);
            } else {
                response.addHeader("Set-Cookie", marked);
            }
        }
    }
}
