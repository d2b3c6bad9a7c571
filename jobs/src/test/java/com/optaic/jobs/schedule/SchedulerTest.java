package com.optaic.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.metadata.Schedule;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void fiveFieldCronAndMacrosAreReadInTheScheduleZone() {
        Schedule weekdays = new Schedule("30 18 * * 1-5", NEW_YORK);
        ZonedDateTime after = ZonedDateTime.of(2024, 1, 5, 19, 0, 0, 0, NEW_YORK); // a Friday, after the fire
        ZonedDateTime until = ZonedDateTime.of(2024, 1, 9, 18, 30, 0, 0, NEW_YORK); // Tuesday, the fire itself
        assertThat(Scheduler.dueDates(weekdays, after, until).keySet())
                .containsExactly(LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 9));
        assertThat(Scheduler.dueDates(new Schedule("@daily", NEW_YORK), after, until)
                        .keySet())
                .containsExactly(
                        LocalDate.of(2024, 1, 6),
                        LocalDate.of(2024, 1, 7),
                        LocalDate.of(2024, 1, 8),
                        LocalDate.of(2024, 1, 9));
        // Sunday is 0 or 7, as in Unix cron
        assertThat(Scheduler.dueDates(new Schedule("0 1 * * 7", NEW_YORK), after, until)
                        .keySet())
                .containsExactly(LocalDate.of(2024, 1, 7));
    }

    @Test
    void severalFiresADayAreOneNominalDate() {
        Schedule hourly = new Schedule("@hourly", ZoneId.of("UTC"));
        ZonedDateTime after = ZonedDateTime.of(2024, 1, 1, 0, 30, 0, 0, ZoneId.of("UTC"));
        assertThat(Scheduler.dueDates(hourly, after, after.plusHours(30)).keySet())
                .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2));
    }
}
