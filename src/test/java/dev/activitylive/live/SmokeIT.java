package dev.activitylive.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.TestSocket;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class SmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of("activity.live.heartbeat-interval-ms", "1000"));
    }

    @ArquillianResource
    URL base;

    @Test
    void smoke() {
        Api api = new Api(base);
        System.out.println("BASE " + base);
        try (TestSocket socket = TestSocket.connected(api.live())) {
            var r = api.publish("{\"type\":\"system_event\",\"data\":{\"event\":\"startup\"}}");
            System.out.println("PUBLISH " + r.statusCode() + " " + r.body());
            System.out.println("EVENT " + socket.nextEvent());
            System.out.println("KEEP " + socket.next());
            System.out.println("PINGS " + socket.pings());
            var c = api.clients();
            System.out.println("CLIENTS " + c.statusCode() + " " + c.body());
            var anon = api.get("api/v1/activity/clients", null, null);
            System.out.println("ANON " + anon.statusCode() + " " + anon.headers().map() + " " + anon.body());
            var wrong = api.get("api/v1/activity/clients", "publisher", Api.PUBLISHER_PASSWORD);
            System.out.println("WRONG " + wrong.statusCode() + " " + wrong.body());
            System.out.println("FIRE " + api.fire("count=3").body());
            System.out.println("E " + socket.nextEvent());
            assertEquals(1, 1);
        }
    }
}
