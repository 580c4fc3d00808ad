package dev.activitylive.testsupport;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test deployments: the WAR that {@code mvn package} built, unchanged, plus the test's settings and the in-container
 * {@link FireResource} and {@link DiagnosticsResource}.
 */
public final class Deployments {

    private Deployments() {
    }

    /** The built WAR with {@code settings} as its MicroProfile Config and the test users' passwords. */
    public static WebArchive activityLive(Map<String, String> settings) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
        String config = settings.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining("\n", "", "\n"))
                + "activity.publisher.password=" + Api.PUBLISHER_PASSWORD + "\n"
                + "activity.admin.password=" + Api.ADMIN_PASSWORD + "\n"
                + "activity.viewers=alice,bob\n"
                + "activity.viewer.alice.password=" + Api.ALICE_PASSWORD + "\n"
                + "activity.viewer.bob.password=" + Api.BOB_PASSWORD + "\n";
        return war.addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addClasses(FireResource.class, DiagnosticsResource.class);
    }
}
