package dev.activitylive.event;

/** What a {@code memory_operation} event did to memory. */
public enum MemoryOperation implements WireName {
    STORE, RECALL, UPDATE, DELETE, SEARCH
}
