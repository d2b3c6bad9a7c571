package com.optaic.jobs.schedule;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Settings;
import java.time.LocalDate;
import java.util.Map;

/**
 * How far ahead of today a run's nominal date may lie: {@code OPTAIC_NOMINAL_HORIZON_DAYS} days (default
 * {@value #DEFAULT_DAYS}). A nominal date far in the future makes a pipeline ingest through it and every later
 * nightly run append nothing, so it is refused rather than run.
 */
public record NominalDateHorizon(int days) {
    public static final int DEFAULT_DAYS = 7;
    public static final String VARIABLE = "OPTAIC_NOMINAL_HORIZON_DAYS";

    public NominalDateHorizon {
        if (days < 0) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    VARIABLE + " must be a whole number of days >= 0," + " got '" + days + "'");
        }
    }

    public static NominalDateHorizon fromEnvironment(Map<String, String> env) {
        return new NominalDateHorizon(Settings.count(env, VARIABLE, DEFAULT_DAYS, 0, "a whole number of days >= 0"));
    }

    /** Refuses {@code nominalDate} if it lies more than the horizon after {@code today}. */
    public void check(LocalDate nominalDate, LocalDate today) {
        if (nominalDate.isAfter(today.plusDays(days))) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Nominal date " + nominalDate + " is more than " + days + " days after today (" + today + "); "
                            + VARIABLE + " sets the horizon");
        }
    }
}
