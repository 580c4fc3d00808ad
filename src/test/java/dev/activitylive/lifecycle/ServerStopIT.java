package dev.activitylive.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.activitylive.testsupport.Api;
import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.ServerUnderTest;
import dev.activitylive.testsupport.TestSocket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stopping the server (the adapter's undeploy sends Payara Micro SIGTERM, as an operator's {@code kill} does; on
 * WildFly and Liberty it undeploys the application): every client is closed with 1001 "Server shutting down" before
 * the connections go (WildFly: with no reason, see {@link ServerUnderTest#shutdownReason()}).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerStopIT {

    @Deployment(name = "app", managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of());
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @Order(1)
    void start() {
        deployer.deploy("app");
    }

    // A separate method because Arquillian resolves the deployment's URL when a test method starts.
    @Test
    @Order(2)
    void everyClientGets1001WhenTheServerStops(@ArquillianResource @OperateOnDeployment("app") URL base) {
        Api api = new Api(base);
        List<TestSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sockets.add(TestSocket.connected(api.live()));
        }
        api.awaitClientCount(sockets.size());

        deployer.undeploy("app");
        for (TestSocket socket : sockets) {
            assertEquals(new TestSocket.Closed(1001, ServerUnderTest.current().shutdownReason()),
                    socket.awaitClose(Duration.ofSeconds(15)));
        }
    }
}
