package dev.activitylive.lifecycle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.testsupport.Deployments;
import dev.activitylive.testsupport.ServerUnderTest;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clustering needs Payara's Hazelcast: on another server, {@code cluster=on} stops the deployment at once, with a
 * message that says so (on Payara the cluster itself is tested, by ClusterIT).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.server", matches = "wildfly|liberty",
        disabledReason = "on Payara, cluster=on starts a cluster (ClusterIT)")
class ClusterElsewhereIT {

    @Deployment(name = "clustered", managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.activityLive(Map.of("activity.live.cluster", "on"));
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void clusterOnStopsTheDeploymentWithAMessageThatSaysWhy() {
        Exception refused = assertThrows(Exception.class, () -> deployer.deploy("clustered"));
        String said = ServerUnderTest.current().deploymentFailure(refused);
        assertTrue(said.contains("activity.live.cluster=on needs Payara's Hazelcast"), said);
    }
}
