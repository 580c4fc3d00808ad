package dev.activitylive.app;

import dev.activitylive.cluster.HazelcastBroker;
import dev.activitylive.config.ClusterMode;
import dev.activitylive.config.DerivedLoad;
import dev.activitylive.config.Settings;
import dev.activitylive.container.DefaultConcurrency;
import dev.activitylive.fanout.LiveStream;
import dev.activitylive.load.LoadMonitor;
import dev.activitylive.stream.Broker;
import dev.activitylive.stream.MemoryBroker;
import dev.activitylive.stream.StreamSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Chooses the stream's {@link Broker} at deployment (in memory alone, the cluster's ring buffer when clustering is
 * on) and connects what reads its output: the clients' stream, then the derived load.
 */
@ApplicationScoped
public class StreamWiring {

    @Inject
    Settings settings;

    @Inject
    LiveStream clientStream;

    @Inject
    LoadMonitor load;

    @Produces
    @ApplicationScoped
    Broker broker() {
        StreamSink readers = settings.derivedLoad() == DerivedLoad.ON ? clientStream.andThen(load) : clientStream;
        Broker broker = settings.cluster() == ClusterMode.ON ? cluster() : new MemoryBroker();
        broker.start(readers);
        return broker;
    }

    // A method of its own: HazelcastBroker, and with it Hazelcast's classes, is loaded only when this runs.
    private Broker cluster() {
        return new HazelcastBroker(settings.clusterLogEvents(), settings.historyMaxEvents(),
                DefaultConcurrency.threadFactory());
    }
}
