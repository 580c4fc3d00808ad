package dev.activitylive.publish;

import dev.activitylive.event.Problem;
import dev.activitylive.event.ProtocolJson;
import dev.activitylive.http.ErrorBody;
import java.util.List;
import java.util.Map;

/** What became of one publish request, and the HTTP answer that says so. */
sealed interface PublishOutcome {

    int status();

    /** The answer's JSON body. */
    String json();

    /** Headers the answer carries besides its content type and length. */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** Every event was handed to the broadcaster, in order. */
    record Accepted(int count) implements PublishOutcome {
        @Override
        public int status() {
            return 202;
        }

        @Override
        public String json() {
            return ProtocolJson.write(Map.of("accepted", count));
        }
    }

    /** Nothing was broadcast: the request was not valid JSON or not valid events. */
    record Invalid(String error, List<Problem> problems) implements PublishOutcome {
        @Override
        public int status() {
            return 400;
        }

        @Override
        public String json() {
            return new ErrorBody(error, problems).toJson();
        }
    }

    /** An outcome answered with only an error message. */
    sealed interface Refused extends PublishOutcome {
        String error();

        @Override
        default String json() {
            return new ErrorBody(error()).toJson();
        }
    }

    /** Nothing was broadcast: the body or the batch was over its limit. */
    record TooLarge(String error) implements Refused {
        @Override
        public int status() {
            return 413;
        }
    }

    /** In a cluster: the events were fired, but the cluster did not confirm holding them; they may not be streamed. */
    record Unconfirmed(String error) implements Refused {
        @Override
        public int status() {
            return 503;
        }
    }

    /** Nothing was published: the whole body did not arrive in time; the connection is closed after the answer. */
    record BodyNotReceived(String error) implements Refused {
        @Override
        public int status() {
            return 408;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Connection", "close");
        }
    }

    /** Nothing was read or published: as many publishers as allowed are already waiting for their bodies. */
    record Busy(String error) implements Refused {
        @Override
        public int status() {
            return 503;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "1", "Connection", "close");
        }
    }
}
