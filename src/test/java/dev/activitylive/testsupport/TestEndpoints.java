package dev.activitylive.testsupport;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Test-only: the JAX-RS root of {@link FireResource} and {@link DiagnosticsResource} in the test WAR. activity-live
 * itself has no JAX-RS application; its servlets' exact paths win over this prefix.
 */
@ApplicationPath("/api/v1")
public class TestEndpoints extends Application {
}
