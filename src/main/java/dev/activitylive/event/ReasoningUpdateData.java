package dev.activitylive.event;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import java.util.List;

/**
 * The data of a {@code reasoning_update} event. {@code activeStreams} and {@code mode} are optional: {@code null}
 * means absent.
 */
@JsonbPropertyOrder({"sessionId", "stage", "progress", "activeStreams", "mode"})
public record ReasoningUpdateData(String sessionId,
                                  String stage,
                                  @JsonbTypeSerializer(JsNumberSerializer.class) double progress,
                                  List<String> activeStreams,
                                  String mode) implements ActivityData {

    public ReasoningUpdateData {
        Require.present(sessionId, "sessionId");
        Require.present(stage, "stage");
        Require.finite(progress, "progress");
        activeStreams = activeStreams == null ? null : List.copyOf(activeStreams);
    }

    /** An update with only the required fields. */
    public ReasoningUpdateData(String sessionId, String stage, double progress) {
        this(sessionId, stage, progress, null, null);
    }
}
