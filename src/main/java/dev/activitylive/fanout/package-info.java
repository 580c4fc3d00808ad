/**
 * Who gets what: the connected clients ({@code Clients}, {@code LiveClient}), their subscriptions, user scope and
 * message rate, and the stream as this instance's clients read it ({@code LiveStream}: ids, history, resume, and the
 * state on join kept in {@code CurrentState}), fed by the broker. Hands frames to the transport; knows neither HTTP
 * publishing nor clustering.
 */
package dev.activitylive.fanout;
