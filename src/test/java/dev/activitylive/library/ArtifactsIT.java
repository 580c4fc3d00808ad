package dev.activitylive.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What the build packs into the API jar, the library jar and the standalone WAR (after {@code package}). */
class ArtifactsIT {

    @Test
    void theApiJarHoldsTheEventPackageAndNothingElse() throws IOException {
        List<String> classes = classes("target/activity-live-api.jar");
        assertTrue(classes.contains("dev/activitylive/event/ActivityEvent.class"), classes.toString());
        assertEquals(List.of(), classes.stream().filter(name -> !name.startsWith("dev/activitylive/event/")).toList());
    }

    @Test
    void theLibraryJarCarriesItsDescriptorsAndNeitherTheEventsNorTheStandalonesOwn() throws IOException {
        List<String> entries = entries("target/activity-live-lib.jar");
        assertTrue(entries.contains("META-INF/beans.xml") && entries.contains("META-INF/web-fragment.xml"),
                entries.toString());
        assertTrue(entries.contains("dev/activitylive/endpoint/LiveEndpoint.class"), entries.toString());
        assertEquals(List.of(), entries.stream().filter(name -> name.startsWith("dev/activitylive/event/")
                || name.startsWith("dev/activitylive/standalone/") || name.endsWith("openapi.yaml")).toList());
    }

    @Test
    void theStandaloneWarIsTheTwoJarsPlusItsOwnClasses() throws IOException {
        List<String> entries = entries("target/activity-live.war");
        assertTrue(entries.containsAll(List.of("WEB-INF/lib/activity-live-api.jar", "WEB-INF/lib/activity-live-lib.jar",
                "WEB-INF/classes/dev/activitylive/standalone/DevelopmentIdentityStore.class")), entries.toString());
        assertEquals(List.of(), entries.stream().filter(name -> name.startsWith("WEB-INF/classes/dev/activitylive/")
                && !name.startsWith("WEB-INF/classes/dev/activitylive/standalone/")).toList());
    }

    private static List<String> classes(String jar) throws IOException {
        return entries(jar).stream().filter(name -> name.endsWith(".class")).toList();
    }

    private static List<String> entries(String jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            return file.stream().filter(entry -> !entry.isDirectory()).map(JarEntry::getName).toList();
        }
    }
}
