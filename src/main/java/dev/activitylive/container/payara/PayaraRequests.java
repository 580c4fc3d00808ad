package dev.activitylive.container.payara;

import dev.activitylive.container.Requests;
import jakarta.servlet.ServletRequest;

/** Tells Payara's own request objects from wrappers and other containers' (checked on Payara Micro 6.2025.10, 7.2025.1). */
final class PayaraRequests {

    /** The class of the request Payara's servlet container hands to filters and servlets. */
    static final String FACADE = "org.apache.catalina.connector.RequestFacade";

    private PayaraRequests() {
    }

    static boolean isPayaras(ServletRequest request) {
        return Requests.unwrapped(request).getClass().getName().equals(FACADE);
    }
}
