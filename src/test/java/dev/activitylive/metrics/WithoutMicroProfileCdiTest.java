package dev.activitylive.metrics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.se.SeContainer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.resources.ClassLoaderResourceLoader;
import org.junit.jupiter.api.Test;

/**
 * A CDI container (Weld, as Payara's) where MicroProfile Metrics and Health are missing: the metrics and status
 * packages still resolve, the health checks are simply not beans, and the metrics bean counts nowhere.
 */
class WithoutMicroProfileCdiTest {

    @Test
    void theBeansResolveAndTheMetricsBeanRunsWithoutMetricsOrHealth() throws Exception {
        try (HidingLoader loader = new HidingLoader()) {
            assertThrows(ClassNotFoundException.class,
                    () -> loader.loadClass("org.eclipse.microprofile.health.HealthCheck"));
            Class<?> metricsType = loader.loadClass("dev.activitylive.metrics.LiveMetrics");
            Weld weld = new Weld("without-microprofile").disableDiscovery()
                    .setClassLoader(loader)
                    .setResourceLoader(new ClassLoaderResourceLoader(loader))
                    .addPackage(false, metricsType)
                    .addPackage(false, loader.loadClass("dev.activitylive.status.ClientsServlet"));
            try (SeContainer container = weld.initialize()) {
                Object metrics = container.select(metricsType).get();
                metricsType.getMethod("broadcast", int.class).invoke(metrics, 3);
                metricsType.getMethod("refused", String.class).invoke(metrics, "origin");
                assertTrue(container.select(loader.loadClass("dev.activitylive.metrics.Figures")).isUnsatisfied(),
                        "no MicroProfile figures without the API");
            }
        }
    }

    /** Our main classes loaded afresh, MicroProfile Metrics and Health refused, the rest from the test's class path. */
    private static final class HidingLoader extends URLClassLoader {

        HidingLoader() throws Exception {
            super(new URL[] {Path.of("target/classes").toUri().toURL()},
                    WithoutMicroProfileCdiTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.eclipse.microprofile.metrics.")
                    || name.startsWith("org.eclipse.microprofile.health.")) {
                throw new ClassNotFoundException(name + " is hidden");
            }
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("dev.activitylive.")) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
                return super.loadClass(name, resolve);
            }
        }
    }
}
