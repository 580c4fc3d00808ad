/**
 * The stream's seam: {@code Broker} (publish an entry, get its ticket; deliver every entry, numbered, in one order,
 * to a {@code StreamSink}), its in-memory implementation for one instance, the entry as it travels, epochs, and the
 * bounded {@code History} resuming clients read. Knows no client, socket or HTTP.
 */
package dev.activitylive.stream;
