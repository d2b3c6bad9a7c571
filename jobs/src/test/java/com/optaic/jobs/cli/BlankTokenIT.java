package com.optaic.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.TestingOptaic;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OPTAIC_TOKEN set but blank is a user error, never the administrator; unset still acts as the administrator. */
class BlankTokenIT {
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "  \n"})
    void aBlankTokenIsRefusedWithExitCode2(String token) {
        Map<String, String> env = new HashMap<>(TestingOptaic.newEnvironment());
        env.put("OPTAIC_TOKEN", token);

        TestingCli.Result result = TestingCli.optaic(env, "def", "list");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("OPTAIC_TOKEN is set but blank");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnsetTokenActsAsTheBootstrapAdministrator() {
        TestingCli.Result result = TestingCli.optaic(TestingOptaic.newEnvironment(), "def", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("synthetic");
    }
}
