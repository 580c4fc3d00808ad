package dev.activitylive.container.payara;

import dev.activitylive.container.ReadLock;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets a writer thread write to a connection in the same lock order as the container's reader: under the monitor of
 * Payara's read handler ({@code InputBuffer.ReadHandlerImpl}), which the container holds while Tyrus reads, and in
 * whose hands Tyrus answers a close frame through the same writer. Without it a failing write and a close deadlock
 * (docs/architecture.md, "Container workarounds", tells the whole story; {@code tools/CloseRace} reproduces it).
 * Writes only, never {@code Session.close()}, which takes the container's locks the other way.
 *
 * <p>The monitor is reached through fields of Tyrus and of the servlet container ({@code FROM_WEB_SOCKET}), the same
 * in Payara Micro 6.2025.10 and 7.2025.1, looked up a bounded number of times per connection; where the path is not
 * there writes go on unlocked, and the writer pool replaces a thread that gets stuck.
 */
public final class ReadHandlerLock implements ReadLock {

    private static final Logger LOG = Logger.getLogger(ReadHandlerLock.class.getName());
    /** From the servlet container's input stream of the connection to its read handler. */
    private static final List<String> FROM_INPUT = List.of("ib", "readHandler");
    /** From Tyrus's socket to the input stream its upgrade handler reads, then as above. */
    private static final List<String> FROM_WEB_SOCKET = List.of("protocolHandler", "writer",
            "tyrusHttpUpgradeHandler", "handler?", "is", FROM_INPUT.get(0), FROM_INPUT.get(1));
    private static final int MAX_LOOKUPS = 64;
    private static final Map<String, Optional<Field>> FIELDS = new ConcurrentHashMap<>();

    private final Object start;
    private final List<String> path;
    private volatile Object monitor;
    private volatile int lookups;

    private ReadHandlerLock(Object start, List<String> path) {
        this.start = start;
        this.path = path;
    }

    /** The lock of the connection under Tyrus's socket {@code webSocket}. */
    public static ReadHandlerLock ofWebSocket(Object webSocket) {
        return new ReadHandlerLock(webSocket, FROM_WEB_SOCKET);
    }

    /** The lock of the connection whose servlet input stream (the container's own) is {@code input}. */
    public static ReadHandlerLock ofInput(Object input) {
        return new ReadHandlerLock(input, FROM_INPUT);
    }

    @Override
    public <T> T call(Action<T> action) throws Throwable {
        Object lock = monitor();
        if (lock == null) {
            return action.run();
        }
        synchronized (lock) {
            return action.run();
        }
    }

    private Object monitor() {
        Object found = monitor;
        if (found == null && lookups < MAX_LOOKUPS) {
            lookups++;
            found = follow(start, path);
            monitor = found;
        }
        return found;
    }

    private static Object follow(Object start, List<String> path) {
        Object at = start;
        for (String step : path) {
            boolean optional = step.endsWith("?");
            String name = optional ? step.substring(0, step.length() - 1) : step;
            Optional<Field> field = at == null ? Optional.empty() : field(at.getClass(), name);
            if (field.isEmpty()) {
                if (optional) {
                    continue;
                }
                return null;
            }
            try {
                at = field.get().get(at);
            } catch (IllegalAccessException | RuntimeException unreadable) {
                return null;
            }
        }
        return at;
    }

    private static Optional<Field> field(Class<?> type, String name) {
        return FIELDS.computeIfAbsent(type.getName() + "#" + name, key -> {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(name);
                    field.setAccessible(true);
                    return Optional.of(field);
                } catch (NoSuchFieldException notHere) {
                    // look in the superclass
                } catch (RuntimeException inaccessible) {
                    LOG.log(Level.INFO, "No read-handler lock ({0}); writes go unlocked", inaccessible.toString());
                    return Optional.empty();
                }
            }
            return Optional.empty();
        });
    }
}
