/**
 * Every setting ({@code Setting}: key, default, smallest value) and its checked values ({@code Settings}), read from
 * MicroProfile Config once at deployment; the Origin rule. Depends on nothing else of ours.
 */
package dev.activitylive.config;
