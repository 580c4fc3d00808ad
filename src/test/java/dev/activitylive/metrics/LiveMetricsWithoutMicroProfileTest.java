package dev.activitylive.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * On a runtime without MicroProfile Metrics the metrics bean still works, as a no-op: run here through a class loader
 * that has the application's classes and everything else but MicroProfile.
 */
class LiveMetricsWithoutMicroProfileTest {

    /** Our main classes, loaded afresh; MicroProfile refused; the rest from the test's class path. */
    private static final class WithoutMicroProfile extends URLClassLoader {

        WithoutMicroProfile() throws Exception {
            super(new URL[] {Path.of("target/classes").toUri().toURL()},
                    LiveMetricsWithoutMicroProfileTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.eclipse.microprofile.")) {
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

    @Test
    void theMicroProfileApiIsFoundWhereItIs() {
        assertTrue(LiveMetrics.available(getClass().getClassLoader()));
    }

    @Test
    void withoutItEveryFigureIsANoOpAndNothingOfItIsLoaded() throws Exception {
        try (WithoutMicroProfile loader = new WithoutMicroProfile()) {
            assertThrows(ClassNotFoundException.class,
                    () -> loader.loadClass("org.eclipse.microprofile.metrics.MetricRegistry"));
            Class<?> type = loader.loadClass(LiveMetrics.class.getName());
            Object metrics = type.getConstructor().newInstance();
            call(type, metrics, "register");
            type.getMethod("broadcast", int.class).invoke(metrics, 3);
            type.getMethod("slowClientClosed").invoke(metrics);
            type.getMethod("refused", String.class).invoke(metrics, "origin");
            type.getMethod("replayed", int.class).invoke(metrics, 2);
            type.getMethod("gauge", String.class, String.class, Supplier.class)
                    .invoke(metrics, "clients", "connected", (Supplier<Number>) () -> 1);
            call(type, metrics, "unregister");
            Method available = type.getDeclaredMethod("available", ClassLoader.class);
            available.setAccessible(true);
            assertFalse((Boolean) available.invoke(null, loader));
        }
    }

    private static void call(Class<?> type, Object target, String name) throws Exception {
        Method method = type.getDeclaredMethod(name);
        method.setAccessible(true);
        method.invoke(target);
    }
}
