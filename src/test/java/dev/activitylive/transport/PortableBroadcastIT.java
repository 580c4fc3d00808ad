package dev.activitylive.transport;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link BroadcastScenarios} on the portable path alone, as on a server without Tyrus internals. */
class PortableBroadcastIT extends BroadcastScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment(Map.of("activity.live.send-path", "portable"));
    }

    @Override
    String expectedSendPath() {
        return "portable";
    }
}
