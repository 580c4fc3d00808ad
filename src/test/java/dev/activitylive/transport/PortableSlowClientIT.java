package dev.activitylive.transport;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link SlowClientScenarios} on the portable path alone, as on a server without Tyrus internals. */
class PortableSlowClientIT extends SlowClientScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment(Map.of("activity.live.send-path", "portable"));
    }

    @Override
    String expectedSendPath() {
        return "portable";
    }
}
