package dev.activitylive.testsupport;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class against one deployment of activity-live (its {@code @Deployment} is the subclass's): gives each test
 * the {@link Api} and starts it with no client connected, since the server forgets closed clients asynchronously.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedTest {

    @ArquillianResource
    URL base;

    protected Api api;

    @BeforeEach
    void noClientsLeftFromEarlierTests() {
        api = new Api(base);
        api.awaitClientCount(0);
    }
}
