package dev.activitylive.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * How HTTP callers authenticate: HTTP Basic (Jakarta Security), checked against {@link DevelopmentIdentityStore}.
 * Which paths need which role is declared in web.xml. The WebSocket endpoint stays open, as in the original.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = ApiSecurity.REALM)
@DeclareRoles({ApiSecurity.PUBLISHER_ROLE, ApiSecurity.ADMIN_ROLE})
public class ApiSecurity {

    public static final String REALM = "activity-live";
    public static final String PUBLISHER_ROLE = "activity-publisher";
    public static final String ADMIN_ROLE = "activity-admin";
}
