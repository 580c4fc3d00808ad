package dev.activitylive.config;

import java.util.List;

/** Thrown at deployment when settings have bad values; its message names every offending key. */
public class InvalidSettingsException extends RuntimeException {

    public InvalidSettingsException(List<String> problems) {
        super("activity-live cannot start, invalid settings: " + String.join("; ", problems));
    }
}
