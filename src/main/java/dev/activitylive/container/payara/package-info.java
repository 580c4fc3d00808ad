/**
 * Payara's room: what activity-live does through the classes of Payara Micro, its servlet container (Grizzly) and
 * its WebSocket container (Tyrus), each checked on Payara Micro 6.2025.10 and 7.2025.1: raw frame writes, the read
 * handler's monitor, the guarded upgrade that reads a client's bytes before Tyrus does, the body read timeout,
 * Weld's request scope around an asynchronous request, closing Payara Micro's listener, Payara's Hazelcast. Each
 * piece finds its classes by trying them, so elsewhere it is simply not there. Used only through
 * {@code container.servers.ThisServer}.
 */
package dev.activitylive.container.payara;
