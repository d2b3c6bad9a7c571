package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;

/**
 * When an instance runs by itself: a five-field cron expression (minute hour day-of-month month day-of-week,
 * or a macro such as {@code @daily}) read in the given time zone.
 */
public record Schedule(String cron, ZoneId zone) {
    public Schedule {
        requireNonNull(cron, "cron is null");
        requireNonNull(zone, "zone is null");
    }
}
