package dev.activitylive.testsupport.ops;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Test-only: the root of {@link OpsResource}, in a WAR of its own beside the application under test. */
@ApplicationPath("ops")
public class OpsApplication extends Application {
}
