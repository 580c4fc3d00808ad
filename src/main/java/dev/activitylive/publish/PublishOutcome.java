package dev.activitylive.publish;

import dev.activitylive.event.Problem;
import java.util.List;

/** What became of one publish request. */
sealed interface PublishOutcome {

    /** Every event was handed to the broadcaster, in order. */
    record Accepted(int count) implements PublishOutcome {
    }

    /** Nothing was broadcast: the request was not valid JSON or not valid events. */
    record Invalid(String error, List<Problem> problems) implements PublishOutcome {
    }

    /** Nothing was broadcast: the body or the batch was over its limit. */
    record TooLarge(String error) implements PublishOutcome {
    }

    /** In a cluster: the events were fired, but the cluster did not confirm holding them; they may not be streamed. */
    record Unconfirmed(String error) implements PublishOutcome {
    }
}
