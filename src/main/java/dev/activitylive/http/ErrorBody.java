package dev.activitylive.http;

import dev.activitylive.event.Problem;
import dev.activitylive.event.ProtocolJson;
import java.util.List;

/**
 * The JSON body of every error answer: {@code {"error":"...","problems":[{"path":..,"message":..}]}}, the list
 * present only where there are problems to name. Never a stack trace or a class name.
 */
public record ErrorBody(String error, List<Problem> problems) {

    public ErrorBody(String error) {
        this(error, null);
    }

    public String toJson() {
        return ProtocolJson.write(this);
    }
}
