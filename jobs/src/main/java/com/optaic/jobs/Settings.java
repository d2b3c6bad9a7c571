package com.optaic.jobs;

import com.optaic.common.OptaicException;
import java.util.Map;

/**
 * The numeric {@code OPTAIC_*} environment variables: unset or blank gives the default, anything else must be an
 * integer at least the minimum, or the command stops with a user error naming the variable and its value (not a
 * stack trace from {@code parseInt}, nor a silently clamped value).
 */
public final class Settings {
    private Settings() {}

    public static long integer(Map<String, String> env, String variable, long defaultValue, long minimum) {
        return integer(
                env,
                variable,
                defaultValue,
                minimum,
                minimum == 1 ? "a positive integer" : "a whole number >= " + minimum);
    }

    /** As {@link #integer(Map, String, long, long)}, saying what the value must be as {@code requirement}. */
    public static long integer(
            Map<String, String> env, String variable, long defaultValue, long minimum, String requirement) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= minimum) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new OptaicException(
                JobsErrorCode.BAD_SETTING, variable + " must be " + requirement + ", got '" + value + "'");
    }

    /** As {@link #integer}, for settings that are counts small enough for an {@code int}. */
    public static int count(Map<String, String> env, String variable, int defaultValue, int minimum) {
        return Math.toIntExact(Math.min(integer(env, variable, defaultValue, minimum), Integer.MAX_VALUE));
    }

    /** As {@link #integer(Map, String, long, long, String)}, for counts small enough for an {@code int}. */
    public static int count(
            Map<String, String> env, String variable, int defaultValue, int minimum, String requirement) {
        return Math.toIntExact(Math.min(integer(env, variable, defaultValue, minimum, requirement), Integer.MAX_VALUE));
    }
}
