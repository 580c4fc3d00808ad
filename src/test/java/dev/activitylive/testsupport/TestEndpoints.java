package dev.activitylive.testsupport;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Test-only: the JAX-RS root of {@link FireResource} and {@link DiagnosticsResource} in the test WAR, at {@code /test},
 * apart from activity-live's paths: a JAX-RS implementation answers every unknown path under its root itself
 * (RESTEasy on WildFly with an empty 404), which would hide activity-live's own answers. activity-live itself has
 * no JAX-RS application.
 */
@ApplicationPath("/test")
public class TestEndpoints extends Application {
}
