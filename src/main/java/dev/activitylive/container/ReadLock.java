package dev.activitylive.container;

/**
 * The monitor a server's reader holds while it reads a connection and answers what it read (a close frame among
 * others): a write taken under it can neither deadlock with that reader nor slip in behind the close it writes.
 * Where a server has no such monitor, or it cannot be reached, {@link #NONE} runs writes unlocked.
 */
public interface ReadLock {

    /** No monitor: the action runs as it is. */
    ReadLock NONE = new ReadLock() {
        @Override
        public <T> T call(Action<T> action) throws Throwable {
            return action.run();
        }
    };

    /** Runs {@code action} holding the reader's monitor, where there is one. */
    <T> T call(Action<T> action) throws Throwable;

    /** The action, and what it may throw, run under the monitor. */
    @FunctionalInterface
    interface Action<T> {
        T run() throws Throwable;
    }
}
