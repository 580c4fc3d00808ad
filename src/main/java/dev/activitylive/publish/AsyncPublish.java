package dev.activitylive.publish;

import dev.activitylive.config.Setting;
import dev.activitylive.http.ErrorBody;
import dev.activitylive.http.JsonAnswer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One publish request, answered once its body has arrived ({@link BodyReader}, no thread waiting meanwhile): with
 * the publish's outcome, or 408 if the whole body has not come within the time allowed. Exactly one answer, whichever
 * comes first; a connection that fails mid-body gets none.
 */
final class AsyncPublish implements AsyncListener {

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final Duration within;
    private final AtomicBoolean answered = new AtomicBoolean();

    private AsyncPublish(AsyncContext async, HttpServletResponse response, Duration within) {
        this.async = async;
        this.response = response;
        this.within = within;
    }

    static void start(HttpServletRequest request, HttpServletResponse response, EventPublisher publisher,
                      Duration within) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(within.toMillis());
        AsyncPublish publish = new AsyncPublish(async, response, within);
        async.addListener(publish);
        ServletInputStream body = request.getInputStream();
        body.setReadListener(new BodyReader(body, publisher.maxBodyBytes(),
                bytes -> publish.answerOnce(() -> {
                    PublishOutcome outcome = publisher.publish(bytes);
                    JsonAnswer.send(response, outcome.status(), outcome.json());
                }),
                failed -> publish.answerOnce(() -> { }))); // the connection failed mid-body: no one to answer
    }

    @FunctionalInterface
    private interface Answer {
        void write() throws IOException;
    }

    private void answerOnce(Answer answer) {
        if (answered.compareAndSet(false, true)) {
            try {
                answer.write();
            } catch (IOException gone) {
                // the publisher went away before its answer: nothing to tell it
            } finally {
                async.complete();
            }
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        answerOnce(() -> {
            response.setHeader("Connection", "close");
            JsonAnswer.send(response, 408, new ErrorBody("request body not received within " + within.toMillis()
                    + " ms (" + Setting.PUBLISH_BODY_TIMEOUT_MS.key() + ")").toJson());
        });
    }

    @Override
    public void onError(AsyncEvent event) {
        answered.set(true); // the container ends the request itself
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
