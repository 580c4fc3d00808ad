package dev.activitylive.app;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts and stops activity-live with the web module it is part of. A listener, not an observer of the application
 * scope's start: for the classes of a jar in {@code WEB-INF/lib} that event carries no {@code ServletContext} (Payara
 * Micro 6.2025.10), and the servlet context is what leads to the WebSocket container's classes. It stops here too,
 * before the application scope ends: WildFly 39 closes the sessions left open at undeploy itself, with 1001 and no
 * reason, before that.
 */
@WebListener
public class WebModule implements ServletContextListener {

    @Inject
    LiveLifecycle lifecycle;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        lifecycle.start(started.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopping) {
        lifecycle.stop(stopping);
    }
}
