package dev.activitylive.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static final String OURS = "dev.activitylive";
    /** What does the work, and must not know the boundaries that call it. */
    private static final String[] ENGINE = {"dev.activitylive.stream..", "dev.activitylive.fanout..", "dev.activitylive.transport..", "dev.activitylive.wire..", "dev.activitylive.cluster..",
        "dev.activitylive.load..", "dev.activitylive.container.."};
    /** Where the application meets HTTP and WebSocket clients. */
    private static final String[] BOUNDARIES = {"dev.activitylive.endpoint..", "dev.activitylive.status..", "dev.activitylive.http.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(OURS);
    }

    /** What each package may use of ours (besides itself): the table of docs/architecture.md. */
    private static final Map<String, List<String>> MAY_USE = Map.ofEntries(
            Map.entry("event", List.of()),
            Map.entry("config", List.of()),
            Map.entry("wire", List.of()),
            Map.entry("metrics", List.of()),
            Map.entry("http", List.of("event")),
            Map.entry("stream", List.of("event")),
            Map.entry("container", List.of("config", "wire")),
            Map.entry("transport", List.of("config", "container", "wire")),
            Map.entry("cluster", List.of("config", "container", "event", "stream")),
            Map.entry("load", List.of("event", "stream")),
            Map.entry("security", List.of("config", "container", "event", "http", "metrics")),
            Map.entry("fanout", List.of("config", "container", "event", "metrics", "security", "stream", "transport",
                    "wire")),
            Map.entry("publish", List.of("config", "container", "event", "http", "stream")),
            Map.entry("page", List.of("config", "http")),
            Map.entry("endpoint", List.of("config", "container", "fanout", "http", "metrics", "security", "transport",
                    "wire")),
            Map.entry("status", List.of("app", "event", "fanout", "http", "stream", "transport")),
            Map.entry("standalone", List.of("config", "container", "event", "http", "metrics", "security")));

    @Test
    void eachPackageUsesOnlyWhatTheTableAllows() {
        for (var entry : MAY_USE.entrySet()) {
            String[] allowed = Stream.concat(Stream.of(entry.getKey()), entry.getValue().stream())
                    .map(name -> OURS + "." + name + "..").toArray(String[]::new);
            classes().that().resideInAPackage(OURS + "." + entry.getKey() + "..")
                    .should().onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage(OURS + "..")
                            .or(JavaClass.Predicates.resideInAnyPackage(allowed)))
                    .check(main);
        }
    }

    @Test
    void everyPackageIsInTheTable() {
        Set<String> packages = main.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(OURS + "."))
                .map(name -> name.substring(OURS.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> known = new TreeSet<>(MAY_USE.keySet());
        known.add("app"); // the composition root may use every package
        assertEquals(known, packages);
    }

    @Test
    void noPackageCycles() {
        slices().matching(OURS + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void eventsKnowNothingOfOursNorOfTheContainer() {
        classes().that().resideInAPackage("dev.activitylive.event..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.activitylive.event..", "java..", "jakarta.json..")
                .check(main);
    }

    @Test
    void theEngineDoesNotKnowItsBoundaries() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(BOUNDARIES)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.activitylive.app..", "dev.activitylive.publish..")
                .check(main);
    }

    @Test
    void onlyTheCompositionRootAndTheHealthChecksKnowIt() {
        noClasses().that().resideOutsideOfPackages("dev.activitylive.app..", "dev.activitylive.status..")
                .should().dependOnClassesThat().resideInAPackage("dev.activitylive.app..")
                .check(main);
    }

    @Test
    void onlyTheContainerRoomTouchesContainerClasses() {
        noClasses().that().resideOutsideOfPackage("dev.activitylive.container..")
                .should().dependOnClassesThat().resideInAnyPackage("org.glassfish..", "org.apache..",
                        "fish.payara..", "com.sun..", "io.undertow..", "org.wildfly..", "org.jboss..", "org.xnio..",
                        "com.ibm..", "io.openliberty..")
                .check(main);
    }

    /** Each server's room, and the names of that server's classes and of the server itself. */
    private static final Map<String, String> ROOMS = Map.of(
            "dev.activitylive.container.payara..", "Payara|Tyrus|Grizzly|Glassfish|GlassFish|Hazelcast",
            "dev.activitylive.container.wildfly..", "WildFly|Wildfly|Undertow|Elytron|Xnio|JBoss",
            "dev.activitylive.container.liberty..", "Liberty|Websphere|WebSphere");

    @Test
    void onlyTheServersRoomsAndTheirSwitchboardKnowThem() {
        // The rest of the code asks container.servers.ThisServer, through the contracts of container itself.
        noClasses().that().resideOutsideOfPackages("dev.activitylive.container.servers..",
                        "dev.activitylive.container.payara..", "dev.activitylive.container.wildfly..",
                        "dev.activitylive.container.liberty..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.activitylive.container.payara..",
                        "dev.activitylive.container.wildfly..", "dev.activitylive.container.liberty..")
                .check(main);
    }

    @Test
    void aServersRoomKnowsNoOtherServerAndNoSwitchboard() {
        for (String room : ROOMS.keySet()) {
            String[] others = ROOMS.keySet().stream().filter(other -> !other.equals(room)).toArray(String[]::new);
            noClasses().that().resideInAPackage(room)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAPackage("dev.activitylive.container.servers..")
                    .allowEmptyShould(true)
                    .check(main);
        }
    }

    @Test
    void theContainersContractsKnowNoServer() {
        // container itself: the contracts and portable pieces every server shares, below the rooms (no cycle)
        noClasses().that().resideInAPackage("dev.activitylive.container")
                .should().dependOnClassesThat().resideInAPackage("dev.activitylive.container.*..")
                .check(main);
    }

    @Test
    void aClassNamedForAServerIsInThatServersRoom() {
        ROOMS.forEach((room, names) -> classes()
                .that().haveNameMatching("dev\\.activitylive\\.(\\w+\\.)*\\w*(" + names + ")[\\w$]*")
                .and().resideOutsideOfPackage("dev.activitylive.cluster..") // Hazelcast's own API, Payara's member
                .should().resideInAPackage(room)
                .allowEmptyShould(true)
                .check(main));
    }

    @Test
    void onlyTheClusterTouchesHazelcast() {
        noClasses().that().resideOutsideOfPackage("dev.activitylive.cluster..")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .check(main);
    }

    @Test
    void noClassOfTheClusterIsABean() {
        // A CDI bean is resolved at deployment; one that holds a Hazelcast type would load Hazelcast without a cluster.
        classes().that().resideInAPackage("dev.activitylive.cluster..")
                .should().notBeAnnotatedWith("jakarta.enterprise.context.ApplicationScoped")
                .check(main);
    }

    @Test
    void theLibraryDoesNotNeedTheStandaloneServersOwnClasses() {
        // They are not in the library jar: a host WAR does not have them.
        noClasses().that().resideOutsideOfPackage(OURS + ".standalone..")
                .should().dependOnClassesThat().resideInAPackage(OURS + ".standalone..")
                .check(main);
    }

    @Test
    void nothingDependsOnTheHealthChecks() {
        // They do not exist where the runtime lacks MicroProfile Health: nothing may need them.
        noClasses().that().resideOutsideOfPackage(OURS + ".status..")
                .should().dependOnClassesThat().resideInAPackage(OURS + ".status..")
                .check(main);
    }

    @Test
    void onlyTheMetricsAndHealthChecksTouchMicroProfileMetricsAndHealth() {
        noClasses().that().resideOutsideOfPackages("dev.activitylive.metrics..", "dev.activitylive.status..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.metrics..",
                        "org.eclipse.microprofile.health..")
                .check(main);
    }
}
