package dev.activitylive.container.payara;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps Weld's request scope balanced on Payara for a request that stays asynchronous after its dispatch (the event
 * stream). Weld keeps a request's contexts and a nested-invocation guard in the thread's thread-locals from
 * {@code requestInitialized} to {@code requestDestroyed}, and warns when they do not pair up. Payara pairs them on the
 * dispatch thread only where the host's pipeline has no valve but its basic one; otherwise it delays
 * {@code requestDestroyed} to the completion ({@code StandardPipeline.postInvoke}), where it also brackets the async
 * listeners with a pair of Weld calls of its own ({@code AsyncContextImpl.notifyAsyncListeners}). Seen with
 * {@code server-config/run.sh}: the dispatch thread kept the request's contexts (its next request logged WELD-000714,
 * WELD-000225 twice and WELD-000335) and the completing thread got one {@code requestDestroyed} too many
 * (WELD-000715). So whatever the pipeline: the dispatch ends the scope itself before it returns and marks the request
 * with Weld's own attribute for a destroyed callback that comes again, which Weld then ignores
 * ({@link #leaveDispatch}); and each completion event ends the scope Payara's bracket began, once, the same way
 * ({@link #balanceCompletion}, from an async listener). As Payara runs the completion on the thread that calls
 * {@code complete()}, that thread must not be serving a request of its own (a logout that ends a stream, a publish
 * that overflows one): {@link #complete} hands the call to the container's async pool. Weld's listener is the servlet
 * context attribute it registers itself under. Checked on Payara Micro 6.2025.10 (Weld 5.1.6) and 7.2025.1;
 * elsewhere only {@link #complete}'s hand-over remains.
 */
public final class AsyncRequestScope {

    static final String WELD_LISTENER = "org.jboss.weld.module.web.servlet.WeldInitialListener";
    static final String WELD_DESTROYED = "org.jboss.weld.module.web.servlet.HttpContextLifecycle.request.destroyed";

    private AsyncRequestScope() {
    }

    /** Call last in a dispatch that leaves {@code request} asynchronous. */
    public static void leaveDispatch(ServletRequest request, ServletContext context) {
        if (request.isAsyncStarted()) {
            weldOnPayara(request, context).ifPresent(weld -> endOnce(weld, request, context));
        }
    }

    /** Call from each callback of an {@code AsyncListener} of a request that {@link #leaveDispatch} left. */
    public static void balanceCompletion(AsyncEvent event, ServletContext context) {
        ServletRequest request = event.getSuppliedRequest() != null ? event.getSuppliedRequest()
                : event.getAsyncContext().getRequest();
        weldOnPayara(request, context).ifPresent(weld -> {
            request.removeAttribute(WELD_DESTROYED);
            endOnce(weld, request, context);
        });
    }

    /** Ends the scope on this thread; the container's own {@code requestDestroyed} calls after it are then ignored. */
    private static void endOnce(ServletRequestListener weld, ServletRequest request, ServletContext context) {
        weld.requestDestroyed(new ServletRequestEvent(context, request));
        request.setAttribute(WELD_DESTROYED, Boolean.TRUE);
    }

    /** Completes {@code async} on a thread that serves no request: the container's, from {@code AsyncContext.start}. */
    public static void complete(AsyncContext async) {
        try {
            async.start(() -> {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyEnded) {
                    // the container ended it first (the client went away)
                }
            });
        } catch (RejectedExecutionException stopping) {
            async.complete(); // the server is stopping: no pool, and no request to disturb
        }
    }

    private static Optional<ServletRequestListener> weldOnPayara(ServletRequest request, ServletContext context) {
        return PayaraRequests.isPayaras(request)
                && context.getAttribute(WELD_LISTENER) instanceof ServletRequestListener weld
                ? Optional.of(weld) : Optional.empty();
    }
}
