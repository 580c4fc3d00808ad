package dev.activitylive.config;

/** Whether instances share one event stream over Payara's Hazelcast: the value of {@link Setting#CLUSTER}. */
public enum ClusterMode implements WordValue {
    /** One instance, its own stream; Payara may run with {@code --nohazelcast}. */
    OFF,
    /** Every event goes through the cluster's stream log, so every client on every instance gets it, same id. */
    ON;
}
