package dev.activitylive.container;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

/** Tells Payara's own request objects from wrappers and other containers' (checked on Payara Micro 6.2025.10, 7.2025.1). */
final class PayaraRequests {

    /** The class of the request Payara's servlet container hands to filters and servlets. */
    static final String FACADE = "org.apache.catalina.connector.RequestFacade";

    private PayaraRequests() {
    }

    /** The container's own request beneath any wrappers. */
    static ServletRequest unwrapped(ServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        return unwrapped;
    }

    static boolean isPayaras(ServletRequest request) {
        return unwrapped(request).getClass().getName().equals(FACADE);
    }
}
