package dev.activitylive.event;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

/** The data of a {@code load_change} event: the cognitive load and what it is made of. All fields are required. */
@JsonbPropertyOrder({"loadLevel", "activeProcesses", "memoryOpsPerSecond", "reasoningSessions", "visualIntensity"})
public record LoadChangeData(@JsonbTypeSerializer(JsNumberSerializer.class) double loadLevel,
                             int activeProcesses,
                             @JsonbTypeSerializer(JsNumberSerializer.class) double memoryOpsPerSecond,
                             int reasoningSessions,
                             VisualIntensity visualIntensity) implements ActivityData {

    public LoadChangeData {
        if (!isLevel(loadLevel)) {
            throw new IllegalArgumentException("loadLevel must be between 0 and 1, was " + loadLevel);
        }
        Require.notNegative(activeProcesses, "activeProcesses");
        Require.notNegative(memoryOpsPerSecond, "memoryOpsPerSecond");
        Require.notNegative(reasoningSessions, "reasoningSessions");
        Require.present(visualIntensity, "visualIntensity");
    }

    /** Whether {@code loadLevel} is one: a number from 0 to 1. */
    public static boolean isLevel(double loadLevel) {
        return loadLevel >= 0 && loadLevel <= 1;
    }
}
