/**
 * What the integration tests need on Payara Micro only: the Arquillian adapter, with one more try for a boot that
 * hangs. Compiled in the default (Payara) run only; the suites on the other servers use those servers' adapters.
 */
package dev.activitylive.testsupport.payara;
