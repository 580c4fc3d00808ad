/**
 * The benchmark's producer: a bean that fires {@code ActivityEvent}s through CDI at a steady rate inside the
 * application, as a host application's own beans would, and the servlet the benchmark starts it with. The benchmark
 * adds these classes to a copy of the WAR ({@code target/bench/activity-live-bench.war}); the product never has them.
 */
package dev.activitylive.bench.producer;
