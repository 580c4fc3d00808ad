package com.example.memory;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The application's own JAX-RS application at {@code /api}; activity-live's endpoints are servlets beside it. */
@ApplicationPath("/api")
public class MemoryApplication extends Application {
}
