package com.optaic.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.metadata.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A cron time that a spring-forward night skips fires once, at the first instant after the gap; one that the
 * fall-back night repeats fires once, at its first occurrence (as Unix cron and Quartz do). The transition
 * instants are the tz database's, written out here by hand from the published rules (EU: last Sunday of March and
 * October at 01:00 UTC; US: second Sunday of March and first of November at 02:00 local; New South Wales: first
 * Sunday of October and of April at 02:00 and 03:00 local).
 */
class DaylightSavingScheduleTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    @Test
    void londonSpringForwardNightKeepsItsRunAtTheEndOfTheGap() {
        // 2026-03-29: 01:00 GMT becomes 02:00 BST, so 01:30 does not exist that night.
        Map<LocalDate, Instant> fires = fires(new Schedule("30 1 * * *", LONDON), "2026-03-27", "2026-03-31");
        assertThat(fires)
                .containsExactly(
                        Map.entry(LocalDate.of(2026, 3, 27), Instant.parse("2026-03-27T01:30:00Z")),
                        Map.entry(LocalDate.of(2026, 3, 28), Instant.parse("2026-03-28T01:30:00Z")),
                        Map.entry(LocalDate.of(2026, 3, 29), Instant.parse("2026-03-29T01:00:00Z")),
                        Map.entry(LocalDate.of(2026, 3, 30), Instant.parse("2026-03-30T00:30:00Z")),
                        Map.entry(LocalDate.of(2026, 3, 31), Instant.parse("2026-03-31T00:30:00Z")));
        assertThat(Backfill.nominalDates(
                        new Schedule("30 1 * * *", LONDON), LocalDate.of(2026, 3, 27), LocalDate.of(2026, 3, 31)))
                .containsExactly(
                        LocalDate.of(2026, 3, 27),
                        LocalDate.of(2026, 3, 28),
                        LocalDate.of(2026, 3, 29),
                        LocalDate.of(2026, 3, 30),
                        LocalDate.of(2026, 3, 31));
    }

    @Test
    void severalCronTimesInsideOneGapFireOnceAtItsEnd() {
        List<Instant> fires = fireInstants(new Schedule("*/15 1 * * *", LONDON), "2026-03-29", "2026-03-29");
        assertThat(fires).containsExactly(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void londonFallBackNightFiresTheRepeatedTimeOnce() {
        // 2026-10-25: 02:00 BST becomes 01:00 GMT, so 01:30 happens at 00:30Z and again at 01:30Z.
        assertThat(fireInstants(new Schedule("30 1 * * *", LONDON), "2026-10-24", "2026-10-26"))
                .containsExactly(
                        Instant.parse("2026-10-24T00:30:00Z"),
                        Instant.parse("2026-10-25T00:30:00Z"),
                        Instant.parse("2026-10-26T01:30:00Z"));
        // Every 20 minutes of the repeated hour: 01:00, 01:20, 01:40 once each, in the first pass.
        assertThat(fireInstants(new Schedule("*/20 1 * * *", LONDON), "2026-10-25", "2026-10-25"))
                .containsExactly(
                        Instant.parse("2026-10-25T00:00:00Z"),
                        Instant.parse("2026-10-25T00:20:00Z"),
                        Instant.parse("2026-10-25T00:40:00Z"));
    }

    @Test
    void newYorkTransitions() {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT (07:00Z); 02:30 fires at 03:00 EDT.
        assertThat(fires(new Schedule("30 2 * * *", NEW_YORK), "2026-03-07", "2026-03-09"))
                .containsExactly(
                        Map.entry(LocalDate.of(2026, 3, 7), Instant.parse("2026-03-07T07:30:00Z")),
                        Map.entry(LocalDate.of(2026, 3, 8), Instant.parse("2026-03-08T07:00:00Z")),
                        Map.entry(LocalDate.of(2026, 3, 9), Instant.parse("2026-03-09T06:30:00Z")));
        // 2026-11-01: 02:00 EDT becomes 01:00 EST (06:00Z); 01:30 fires at 01:30 EDT (05:30Z) only.
        assertThat(fireInstants(new Schedule("30 1 * * *", NEW_YORK), "2026-10-31", "2026-11-02"))
                .containsExactly(
                        Instant.parse("2026-10-31T05:30:00Z"),
                        Instant.parse("2026-11-01T05:30:00Z"),
                        Instant.parse("2026-11-02T06:30:00Z"));
    }

    @Test
    void sydneyTransitions() {
        // 2026-10-04: 02:00 AEST becomes 03:00 AEDT (2026-10-03T16:00Z); 02:30 fires at 03:00 AEDT.
        assertThat(fires(new Schedule("30 2 * * *", SYDNEY), "2026-10-03", "2026-10-05"))
                .containsExactly(
                        Map.entry(LocalDate.of(2026, 10, 3), Instant.parse("2026-10-02T16:30:00Z")),
                        Map.entry(LocalDate.of(2026, 10, 4), Instant.parse("2026-10-03T16:00:00Z")),
                        Map.entry(LocalDate.of(2026, 10, 5), Instant.parse("2026-10-04T15:30:00Z")));
        // 2026-04-05: 03:00 AEDT becomes 02:00 AEST (2026-04-04T16:00Z); 02:30 fires at 02:30 AEDT only.
        assertThat(fireInstants(new Schedule("30 2 * * *", SYDNEY), "2026-04-04", "2026-04-06"))
                .containsExactly(
                        Instant.parse("2026-04-03T15:30:00Z"),
                        Instant.parse("2026-04-04T15:30:00Z"),
                        Instant.parse("2026-04-05T16:30:00Z"));
        assertThat(Backfill.nominalDates(
                        new Schedule("30 2 * * *", SYDNEY), LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 5)))
                .hasSize(3);
    }

    /** The nominal dates the scheduler finds due over the days, with their (last) fire instant. */
    private static Map<LocalDate, Instant> fires(Schedule schedule, String from, String to) {
        TreeMap<LocalDate, ZonedDateTime> due = Scheduler.dueDates(
                schedule,
                LocalDate.parse(from).atStartOfDay(schedule.zone()).minusNanos(1),
                LocalDate.parse(to).plusDays(1).atStartOfDay(schedule.zone()).minusNanos(1));
        Map<LocalDate, Instant> instants = new TreeMap<>();
        due.forEach((date, fire) -> instants.put(date, fire.toInstant()));
        return instants;
    }

    /** Every fire instant over the days, through the scheduler's one-tick-per-fire path. */
    private static List<Instant> fireInstants(Schedule schedule, String from, String to) {
        return CronFireTimes.between(
                        Scheduler.cron(schedule.cron()),
                        schedule.zone(),
                        LocalDate.parse(from).atStartOfDay(schedule.zone()).minusNanos(1),
                        LocalDate.parse(to)
                                .plusDays(1)
                                .atStartOfDay(schedule.zone())
                                .minusNanos(1))
                .stream()
                .map(ZonedDateTime::toInstant)
                .toList();
    }
}
