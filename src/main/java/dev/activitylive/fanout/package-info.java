/**
 * Who gets what: the connected clients ({@code Clients}, {@code LiveClient}), their subscriptions, user scope and
 * message rate; the stream as this instance's clients read it ({@code LiveStream}: ids, history, resume, and the
 * state on join kept in {@code CurrentState}), fed by the broker; and who is watching ({@code Presence}). Hands frames
 * to the transport; knows neither HTTP publishing nor clustering.
 */
package dev.activitylive.fanout;
