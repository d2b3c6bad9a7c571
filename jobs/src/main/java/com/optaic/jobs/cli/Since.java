package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code --since} bound: a date (its UTC midnight) or an age before now ({@code 90m}, {@code 24h}, {@code 7d}). */
final class Since {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([mhd])");

    private Since() {}

    static Instant parse(String option, String text, Instant now) {
        Matcher age = AGE.matcher(text.strip());
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration unit = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    option + " '" + text + "' is neither a date (yyyy-MM-dd) nor an age (90m, 24h, 7d)");
        }
    }
}
