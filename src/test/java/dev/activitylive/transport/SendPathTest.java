package dev.activitylive.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.testsupport.DeployedTest;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Scenarios that run once per send path: a subclass deploys with {@code activity.live.send-path} set and names the
 * path its clients must get, which this class checks, so a scenario never passes on the wrong path.
 */
abstract class SendPathTest extends DeployedTest {

    /** The built WAR with {@code settings} plus {@code extra}, for a subclass's {@code @Deployment}. */
    static WebArchive deployment(Map<String, String> settings, Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(extra);
        return Deployments.activityLive(all);
    }

    /** {@code raw-frames}, {@code channel-batches} or {@code portable}: what every client of the subclass's deployment must get. */
    abstract String expectedSendPath();

    @Test
    void everyClientGetsTheSendPathOfThisDeployment() {
        try (TestSocket first = TestSocket.connected(api.live()); TestSocket second = TestSocket.connected(api.live())) {
            first.id();
            second.id();
            List<String> paths = api.clientList().stream().map(client -> client.getString("sendPath")).toList();
            assertEquals(List.of(expectedSendPath(), expectedSendPath()), paths);
        }
    }
}
