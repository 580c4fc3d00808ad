package dev.activitylive.container;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

/** The container's own request object beneath the wrappers of filters, whichever container it is. */
public final class Requests {

    private Requests() {
    }

    public static ServletRequest unwrapped(ServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        return unwrapped;
    }
}
