package dev.activitylive.bench;

/**
 * What one run of one workload against one server measured; -1 where a figure does not apply or is unknown.
 * {@code serverCores} is the server's CPU time over the measured phase per second of it: 1.0 is one core busy.
 */
record Result(Workload workload, String target, int round, double deliveriesPerSecond, double cpuMicrosPerDelivery,
              long p50Micros, long p90Micros, long p99Micros, long maxMicros, long lost, long duplicated,
              long outOfOrder, double connectP50Millis, double connectMaxMillis, long rssPeakMb, long heapPeakMb,
              long bytesPerConnection, double serverCores, String notes) {
}
