package dev.activitylive.standalone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Checks HTTP Basic credentials against the {@link DevelopmentUsers}; each user's group is its role. */
@ApplicationScoped
public class DevelopmentIdentityStore implements IdentityStore {

    @Inject
    DevelopmentUsers users;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return users.authenticate(credential.getCaller(), credential.getPasswordAsString())
                .map(user -> new CredentialValidationResult(user.user(), Set.of(user.role())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
