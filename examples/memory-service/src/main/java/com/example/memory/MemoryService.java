package com.example.memory;

import dev.activitylive.event.ActivityEvent;
import dev.activitylive.event.ActivityEvents;
import dev.activitylive.event.MemoryOperation;
import dev.activitylive.event.MemoryOperationData;
import dev.activitylive.event.ReasoningUpdateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The application's own service: it stores memories, and tells every dashboard what it does. */
@ApplicationScoped
public class MemoryService {

    private final Map<String, Memory> memories = new ConcurrentHashMap<>();

    @Inject
    Event<ActivityEvent> activity;

    /** Stores {@code text} for {@code userId}: a {@code memory_operation} with fire(), then a reasoning update. */
    public Memory store(String userId, String sector, String text) {
        long start = System.nanoTime();
        Memory memory = new Memory("m-" + UUID.randomUUID(), userId, sector, text);
        memories.put(memory.id(), memory);
        double millis = (System.nanoTime() - start) / 1e6;
        activity.fire(ActivityEvents.memoryOperation(new MemoryOperationData(
                MemoryOperation.STORE, memory.id(), userId, sector, true, millis)));
        activity.fireAsync(ActivityEvents.reasoningUpdate(new ReasoningUpdateData(
                "consolidation-" + memory.id(), "indexing", 50, List.of("embedding", "linking"), "background")));
        return memory;
    }

    public List<Memory> all() {
        return List.copyOf(memories.values());
    }

    /** One stored memory. */
    public record Memory(String id, String userId, String sector, String text) {
    }
}
