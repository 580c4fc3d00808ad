package dev.activitylive.transport;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link SlowClientScenarios} on the raw-frame path, which the default {@code auto} picks on Payara. */
class SlowClientIT extends SlowClientScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment(Map.of("activity.live.send-path", "auto"));
    }

    @Override
    String expectedSendPath() {
        return "raw-frames";
    }
}
