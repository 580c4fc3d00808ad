package dev.activitylive.standalone;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The development users: {@code publisher} and {@code admin}, and the viewers named in {@code activity.viewers}
 * (comma-separated; env {@code ACTIVITY_VIEWERS}), with passwords from MicroProfile Config (see
 * {@link DevelopmentUser}). Where one is unset a random password is generated at deployment and printed once, in the
 * log line that says so; passwords are never logged otherwise.
 */
@ApplicationScoped
public class DevelopmentUsers {

    private static final Logger LOG = Logger.getLogger(DevelopmentUsers.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String VIEWERS_KEY = "activity.viewers";
    /** A viewer's name becomes part of a config key and is compared with {@code data.userId}: kept plain. */
    private static final Pattern VIEWER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    @Inject
    Config config;

    private final Map<DevelopmentUser, byte[]> passwords = new LinkedHashMap<>();

    @PostConstruct
    void resolve() {
        List<DevelopmentUser> users = new ArrayList<>(List.of(DevelopmentUser.PUBLISHER, DevelopmentUser.ADMIN));
        for (String name : config.getOptionalValue(VIEWERS_KEY, String.class).orElse("").split(",")) {
            String viewer = name.trim();
            if (VIEWER_NAME.matcher(viewer).matches() && users.stream().noneMatch(u -> u.user().equals(viewer))) {
                users.add(DevelopmentUser.viewer(viewer));
            } else if (!viewer.isEmpty()) {
                LOG.log(Level.WARNING, "{0}: ''{1}'' is not a usable user name (letters, digits, _.@- ; not publisher "
                        + "or admin), skipped", new Object[] {VIEWERS_KEY, viewer});
            }
        }
        for (DevelopmentUser user : users) {
            Optional<String> configured = config.getOptionalValue(user.passwordKey(), String.class)
                    .filter(value -> !value.isBlank());
            String password = configured.orElseGet(DevelopmentUsers::generate);
            if (configured.isEmpty()) {
                LOG.log(Level.INFO, "{0} is not set: development user ''{1}'' (role {2}) has the generated password "
                        + "{3} until the next start", new Object[] {user.environmentVariable(), user.user(),
                            user.role(), password});
            }
            passwords.put(user, password.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Resolves the passwords when the application deploys (observing creates the bean), not at the first request. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // nothing more to do: @PostConstruct has run
    }

    /** The user named {@code name} if {@code password} is theirs; compared in constant time. */
    Optional<DevelopmentUser> authenticate(String name, String password) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<DevelopmentUser, byte[]> user : passwords.entrySet()) {
            boolean nameMatches = user.getKey().user().equals(name);
            if (MessageDigest.isEqual(user.getValue(), given) && nameMatches) {
                return Optional.of(user.getKey());
            }
        }
        return Optional.empty();
    }

    private static String generate() {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
