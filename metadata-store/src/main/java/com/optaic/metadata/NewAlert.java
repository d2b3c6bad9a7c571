package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * An alert a run raises: {@code severity} {@code warn} or {@code alert}, the feature (or {@code *} for the whole
 * dataset), the metric and its value against the threshold it crossed, and the window it was measured on.
 */
public record NewAlert(String severity, String feature, String metric, double value, double threshold, String window) {
    public static final String WARN = "warn";
    public static final String ALERT = "alert";
    public static final Set<String> SEVERITIES = Set.of(WARN, ALERT);

    public NewAlert {
        requireNonNull(severity, "severity is null");
        requireNonNull(feature, "feature is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(window, "window is null");
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity must be warn or alert, got '" + severity + "'");
        }
        if (Double.isNaN(value) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("an alert's value and threshold are numbers");
        }
    }
}
