package com.optaic.jobs.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.util.Locale;

/**
 * What the scheduler does with the nights whose fire time passed while no scheduler was running. The store has no
 * field for it: it is the instance config's key {@code missed} ({@code skip}, {@code latest} or {@code all}),
 * {@code latest} by default.
 * <ul>
 *   <li>{@code all}: every due nominal date gets its run, oldest first.</li>
 *   <li>{@code latest}: only the most recent due nominal date gets a run; older missed ones are skipped.</li>
 *   <li>{@code skip}: like {@code latest}, but only if its fire time is less than the grace period old (config key
 *       {@code missed_grace_seconds}, default 3600); a night missed by longer is not run at all.</li>
 * </ul>
 */
public enum MissedPolicy {
    SKIP,
    LATEST,
    ALL;

    public static final String CONFIG_KEY = "missed";
    public static final String GRACE_KEY = "missed_grace_seconds";
    public static final long DEFAULT_GRACE_SECONDS = 3600;

    public static MissedPolicy of(JsonNode config) {
        JsonNode value = config.path(CONFIG_KEY);
        if (value.isMissingNode() || value.isNull()) {
            return LATEST;
        }
        try {
            return valueOf(value.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Config key '" + CONFIG_KEY + "' is '" + value.asText() + "'; expected skip, latest or all");
        }
    }

    public static long graceSeconds(JsonNode config) {
        JsonNode value = config.path(GRACE_KEY);
        return value.canConvertToLong() ? value.asLong() : DEFAULT_GRACE_SECONDS;
    }
}
