package com.optaic.jobs.schedule;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * The fire times of a cron expression read in wall-clock time of a zone, across daylight-saving changes as Unix
 * cron and Quartz have them: a wall-clock time that a spring-forward gap skips fires once, at the first instant
 * after the gap (several such times of one gap fire once together); a time that the fall-back night repeats fires
 * once, at its first occurrence.
 */
final class CronFireTimes {
    private CronFireTimes() {}

    /** The first fire time strictly after {@code after}, in {@code zone}; null if the cron never fires again. */
    static ZonedDateTime next(CronExpression cron, ZoneId zone, ZonedDateTime after) {
        LocalDateTime local = after.withZoneSameInstant(zone).toLocalDateTime();
        while (true) {
            LocalDateTime wallClock = cron.next(local);
            if (wallClock == null) {
                return null;
            }
            ZonedDateTime fire = resolve(wallClock, zone);
            // A time already passed: the repeated hour's second pass, or a gap time resolved to the gap's end.
            if (fire.isAfter(after)) {
                return fire;
            }
            local = wallClock;
        }
    }

    /** The fire times in {@code (after, until]}, oldest first. */
    static List<ZonedDateTime> between(CronExpression cron, ZoneId zone, ZonedDateTime after, ZonedDateTime until) {
        List<ZonedDateTime> fires = new ArrayList<>();
        for (ZonedDateTime next = next(cron, zone, after);
                next != null && !next.isAfter(until);
                next = next(cron, zone, next)) {
            fires.add(next);
        }
        return fires;
    }

    private static ZonedDateTime resolve(LocalDateTime wallClock, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return ZonedDateTime.ofInstant(transition.getInstant(), zone);
        }
        return ZonedDateTime.ofLocal(wallClock, zone, null); // the earlier offset of a repeated hour
    }
}
