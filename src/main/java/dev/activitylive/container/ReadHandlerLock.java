package dev.activitylive.container;

import dev.activitylive.transport.Writers;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets a writer thread write to a connection in the same lock order as the container's reader, which avoids a
 * deadlock inside the container.
 *
 * <p>Payara's servlet container holds the monitor of the connection's read handler ({@code InputBuffer
 * .ReadHandlerImpl}) while it hands incoming data to Tyrus, and Tyrus answers a peer's close frame right there
 * through its servlet writer, whose {@code write} is {@code synchronized}: read handler, then servlet writer. A write
 * from any other thread takes the servlet writer first; if the socket fails during it, Grizzly runs the close
 * listeners on that thread, and they need the read handler: servlet writer, then read handler. Both threads then
 * wait for good ({@code jstack}: "Found one Java-level deadlock"; reproduced in ~90 s of clients that send a close
 * frame and reset while events flow). Taking the read handler's monitor first puts the writer in the reader's order.
 * Only the failing write's close listeners reach further (to the response's suspended context), and only one thread
 * runs them (Grizzly's {@code terminate0} is a compare-and-set).
 *
 * <p>Writes only, not {@code Session.close()}: a close takes the response's suspended context directly
 * ({@code WebConnectionImpl.close → Request.resumeAfterService}), which the container's own close path takes before
 * the read handler, so holding the read handler around a close deadlocks the other way (seen in the broadcast test).
 *
 * <p>The monitor is reached through fields of Tyrus and of the servlet container: {@code TyrusWebSocket
 * .protocolHandler → writer → tyrusHttpUpgradeHandler} (→ {@code handler} where Tyrus hands out a proxy of it)
 * {@code → is → ib → readHandler}; the same in Payara 6 and 7. It is looked up per connection at its first writes,
 * a bounded number of times; where the path is not there (another server or version) writes go on unlocked, as
 * before, and {@link Writers} replaces a thread that gets stuck.
 */
public final class ReadHandlerLock {

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

    /** The action, and what it may throw, run under the read handler's monitor when there is one. */
    public interface Action<T> {
        T run() throws Throwable;
    }

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
