/**
 * The derived cognitive load: a consumer of the stream like any other ({@code LoadMonitor}), counting what it reads
 * and firing {@code load_change} when the load changes meaningfully; plain logic in {@code LoadTracker} and
 * {@code LoadFormula}.
 */
package dev.activitylive.load;
