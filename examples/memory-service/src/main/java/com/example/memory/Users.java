package com.example.memory;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The application's own authentication, HTTP Basic, and its own users, with their passwords in its configuration
 * ({@code memory.<user>.password}). Its groups are the application's roles and activity-live's: ada writes memories
 * and may publish, grace reads and watches, linus administers the stream (sees every event and the client list).
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "memory-service")
@DeclareRoles({"memory-writer", "memory-reader", "activity-publisher", "activity-viewer", "activity-admin"})
public class Users implements IdentityStore {

    private static final Map<String, Set<String>> GROUPS = Map.of(
            "ada", Set.of("memory-writer", "activity-publisher", "activity-viewer"),
            "grace", Set.of("memory-reader", "activity-viewer"),
            "linus", Set.of("memory-reader", "activity-admin"));

    @Inject
    Config config;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login) || !GROUPS.containsKey(login.getCaller())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<String> password = config.getOptionalValue("memory." + login.getCaller() + ".password", String.class);
        boolean matches = password.isPresent() && MessageDigest.isEqual(
                password.get().getBytes(StandardCharsets.UTF_8),
                login.getPasswordAsString().getBytes(StandardCharsets.UTF_8));
        return matches ? new CredentialValidationResult(login.getCaller(), GROUPS.get(login.getCaller()))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
