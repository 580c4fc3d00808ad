/**
 * What operators and dashboards ask about the service: the client list and the MicroProfile Health checks. Reads the
 * lifecycle's phase and the stream's view of the cluster.
 */
package dev.activitylive.status;
