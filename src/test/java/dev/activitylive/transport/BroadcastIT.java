package dev.activitylive.transport;

import dev.activitylive.testsupport.ServerUnderTest;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link BroadcastScenarios} on the send path {@code auto} picks: raw frames on Payara, the portable one elsewhere. */
class BroadcastIT extends BroadcastScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment(Map.of("activity.live.send-path", "auto"));
    }

    @Override
    String expectedSendPath() {
        return ServerUnderTest.current().webSocketSendPath();
    }
}
