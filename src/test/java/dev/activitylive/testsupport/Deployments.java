package dev.activitylive.testsupport;

import dev.activitylive.metrics.CountingFigures;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test deployments: the WAR that {@code mvn package} built, unchanged, plus the test's settings and the in-container
 * {@link FireResource} and {@link DiagnosticsResource} (and, on a server without MicroProfile Metrics,
 * {@link CountingFigures}).
 */
public final class Deployments {

    private static final String DERIVED_LOAD = "activity.live.load.derived";

    private Deployments() {
    }

    /**
     * The built WAR with {@code settings} as its MicroProfile Config and the test users' passwords. The derived load
     * is off unless {@code settings} say otherwise: tests that count every message a client gets must not find a
     * {@code load_change} of their burst among them ({@code DerivedLoadIT} tests it on).
     */
    private static final String OWN_CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private static String read(Asset asset) {
        try (InputStream in = asset.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WebArchive activityLive(Map<String, String> settings) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
        Map<String, String> withDefaults = new HashMap<>(settings);
        withDefaults.putIfAbsent(DERIVED_LOAD, "off");
        String config = withDefaults.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining("\n", "", "\n"))
                + "activity.publisher.password=" + Api.PUBLISHER_PASSWORD + "\n"
                + "activity.admin.password=" + Api.ADMIN_PASSWORD + "\n"
                + "activity.viewers=alice,bob\n"
                + "activity.viewer.alice.password=" + Api.ALICE_PASSWORD + "\n"
                + "activity.viewer.bob.password=" + Api.BOB_PASSWORD + "\n";
        // After the WAR's own configuration: a later line of a key wins.
        String own = war.get(OWN_CONFIG) == null ? "" : read(war.get(OWN_CONFIG).getAsset());
        war.addAsResource(new StringAsset(own + config), "META-INF/microprofile-config.properties")
                .addClasses(TestEndpoints.class, FireResource.class, DiagnosticsResource.class,
                        PresenceRecorder.class);
        if (!ServerUnderTest.current().hasMetrics()) {
            war.addClass(CountingFigures.class);
        }
        return war;
    }
}
