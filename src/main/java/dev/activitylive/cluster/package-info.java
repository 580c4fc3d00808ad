/**
 * The stream of a cluster of instances, through Payara's Hazelcast: {@code HazelcastBroker} (a {@code Broker}), the
 * ring buffer log, the sender that batches this instance's events into it and the follower that reads everyone's.
 * The only package that touches Hazelcast, and none of it is a CDI bean: made only when clustering is on. Knows the
 * stream's seam, not who reads it.
 */
package dev.activitylive.cluster;
