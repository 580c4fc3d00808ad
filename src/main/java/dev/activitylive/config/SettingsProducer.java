package dev.activitylive.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the deployment's {@link Settings} injectable, read from MicroProfile Config once. */
@ApplicationScoped
public class SettingsProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    Settings settings() {
        return Settings.read(key -> config.getOptionalValue(key, String.class));
    }
}
