package dev.activitylive.event;

/** The visual feedback a dashboard should show for a cognitive load. */
public enum VisualIntensity implements WireName {
    LOW, MEDIUM, HIGH
}
