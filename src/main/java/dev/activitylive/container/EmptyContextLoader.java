package dev.activitylive.container;

/**
 * Sets the current thread's context class loader to one with no classes or resources until closed. Payara captures
 * the context of every task Tyrus schedules per send, which runs a {@code ServiceLoader} lookup through the context
 * class loader: a scan of the application's class path per delivery (Payara Micro 6.2025.10, 7.2025.1). A send needs
 * none of the application's classes, so an empty loader makes that scan free.
 */
public final class EmptyContextLoader {

    private static final ClassLoader EMPTY = new ClassLoader(null) {
    };

    private final Thread thread;
    private final ClassLoader previous;

    private EmptyContextLoader(Thread thread) {
        this.thread = thread;
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EMPTY);
    }

    /** The empty loader, on this thread, until {@link #close()}. */
    public static EmptyContextLoader enter() {
        return new EmptyContextLoader(Thread.currentThread());
    }

    /** Gives the thread back the loader it had before. */
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
