package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A date given on the command line as yyyy-MM-dd, the option named when it is not one. */
final class DateArgument {
    private DateArgument() {}

    /** The date, or null when {@code value} is null (the option was not given). */
    static LocalDate parse(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, option + " '" + value + "' is not a date (expected " + "yyyy-MM-dd)");
        }
    }
}
