package dev.activitylive.container.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The read-handler lock follows the container's fields to the read handler and holds its monitor around the action;
 * where the path is not there, the action runs unlocked. (Against the real Tyrus and Payara: the churn test and the
 * close-race tool, see the README.)
 */
class ReadHandlerLockTest {

    // Stand-ins with the field names of Tyrus and the servlet container, including Tyrus's proxy of the handler.
    static final class ReadHandler {
    }

    static final class InputBuffer {
        final ReadHandler readHandler = new ReadHandler();
    }

    static final class InputStream {
        final InputBuffer ib = new InputBuffer();
    }

    static class UpgradeHandler {
        InputStream is = new InputStream();
    }

    static final class UpgradeHandlerProxy extends UpgradeHandler {
        final UpgradeHandler handler = new UpgradeHandler();

        UpgradeHandlerProxy() {
            is = null; // the proxy's own stream is never set, as in Tyrus
        }
    }

    static final class ServletWriter {
        final UpgradeHandler tyrusHttpUpgradeHandler;

        ServletWriter(UpgradeHandler handler) {
            this.tyrusHttpUpgradeHandler = handler;
        }
    }

    static final class ProtocolHandler {
        final ServletWriter writer;

        ProtocolHandler(ServletWriter writer) {
            this.writer = writer;
        }
    }

    static final class WebSocket {
        final ProtocolHandler protocolHandler;

        WebSocket(UpgradeHandler handler) {
            this.protocolHandler = new ProtocolHandler(new ServletWriter(handler));
        }
    }

    @Test
    void theActionRunsHoldingTheReadHandlersMonitorThroughTheProxy() throws Throwable {
        UpgradeHandlerProxy proxy = new UpgradeHandlerProxy();
        ReadHandler readHandler = proxy.handler.is.ib.readHandler;
        ReadHandlerLock lock = ReadHandlerLock.ofWebSocket(new WebSocket(proxy));
        assertTrue(lock.call(() -> Thread.holdsLock(readHandler)));
        assertFalse(Thread.holdsLock(readHandler));
    }

    @Test
    void withoutThePathTheActionRunsUnlocked() throws Throwable {
        ReadHandlerLock lock = ReadHandlerLock.ofWebSocket(new Object());
        assertEquals("ran", lock.call(() -> "ran"));
    }
}
