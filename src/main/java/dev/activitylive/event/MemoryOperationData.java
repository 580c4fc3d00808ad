package dev.activitylive.event;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code memory_operation} event. {@code memoryId}, {@code sector} and {@code duration} (ms) are
 * optional: {@code null} means absent and is omitted from the JSON.
 */
@JsonbPropertyOrder({"operation", "memoryId", "userId", "sector", "success", "duration"})
public record MemoryOperationData(MemoryOperation operation, String memoryId, String userId, String sector,
                                  boolean success, Double duration) implements ActivityData {

    public MemoryOperationData {
        Require.present(operation, "operation");
        Require.present(userId, "userId");
        Require.finiteOrAbsent(duration, "duration");
    }

    /** An operation with only the required fields. */
    public MemoryOperationData(MemoryOperation operation, String userId, boolean success) {
        this(operation, null, userId, null, success, null);
    }
}
