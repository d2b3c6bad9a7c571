package com.optaic.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.jobs.run.RetryPolicy;
import com.optaic.jobs.schedule.NominalDateHorizon;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void unsetOrBlankGivesTheDefault() {
        assertThat(Settings.integer(Map.of(), "OPTAIC_X", 7, 0)).isEqualTo(7);
        assertThat(Settings.integer(Map.of("OPTAIC_X", "  "), "OPTAIC_X", 7, 0)).isEqualTo(7);
        assertThat(Settings.integer(Map.of("OPTAIC_X", " 12 "), "OPTAIC_X", 7, 0))
                .isEqualTo(12);
    }

    @Test
    void runAttemptsThatAreNotAPositiveIntegerAreAUserErrorNamingTheVariable() {
        for (String bad : new String[] {"abc", "0", "-2", "1.5", "99999999999999999999"}) {
            assertThatThrownBy(() -> RetryPolicy.fromEnvironment(Map.of("OPTAIC_RUN_ATTEMPTS", bad)))
                    .isInstanceOfSatisfying(OptaicException.class, e -> {
                        assertThat(e.code()).isEqualTo(JobsErrorCode.BAD_SETTING);
                        assertThat(e.isUserError()).isTrue();
                    })
                    .hasMessage("OPTAIC_RUN_ATTEMPTS must be a positive integer, got '" + bad + "'");
        }
        assertThatThrownBy(() -> RetryPolicy.fromEnvironment(Map.of("OPTAIC_RUN_BACKOFF_MS", "-1")))
                .hasMessage("OPTAIC_RUN_BACKOFF_MS must be a whole number >= 0, got '-1'");
        assertThat(RetryPolicy.fromEnvironment(Map.of("OPTAIC_RUN_ATTEMPTS", "5", "OPTAIC_RUN_BACKOFF_MS", "0")))
                .isEqualTo(new RetryPolicy(5, Duration.ZERO));
    }

    @Test
    void theNominalHorizonTakesZeroButNotWords() {
        assertThat(NominalDateHorizon.fromEnvironment(Map.of(NominalDateHorizon.VARIABLE, "0"))
                        .days())
                .isZero();
        assertThatThrownBy(() -> NominalDateHorizon.fromEnvironment(Map.of(NominalDateHorizon.VARIABLE, "week")))
                .hasMessage("OPTAIC_NOMINAL_HORIZON_DAYS must be a whole number of days >= 0, got 'week'");
    }
}
