/**
 * Every container-specific workaround, in one room: reflection into Tyrus and Payara's servlet container (raw frame
 * writes, the read monitor, the guarded upgrade, the body read timeout), closing Payara Micro's listener, Payara's
 * JNDI name of its Hazelcast, the session cookie's SameSite, the context class loader for portable sends; on WildFly
 * the body read timeout through Undertow and the check of its integrated JASPI; which server it is. Each class names
 * the versions it was checked on and what happens where it is missing (docs/architecture.md lists them). The only
 * package that touches the container's own classes; it knows nothing of clients or the stream.
 */
package dev.activitylive.container;
