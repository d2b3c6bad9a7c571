package com.optaic.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.metadata.Instance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Run;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** run start --nominal-date beyond today plus OPTAIC_NOMINAL_HORIZON_DAYS (default 7) is refused, nothing queued. */
class NominalDateHorizonIT {
    @Test
    void aNominalDateBeyondTheHorizonIsRefusedAndQueuesNothing() {
        Map<String, String> env = new HashMap<>(TestingOptaic.newEnvironment());
        Instance market;
        try (Optaic optaic = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            market = TestingOptaic.syntheticDataset(
                    optaic, optaic.actor(), workspace.project().id(), "market", 5, 40);
        }
        String id = market.resource().id().toString();
        LocalDate today = LocalDate.now();

        TestingCli.Result far =
                TestingCli.optaic(env, "run", "start", id, "--nominal-date", "9999-12-31", "--queue-only");
        assertThat(far.exitCode()).as(far.err()).isEqualTo(2);
        assertThat(far.err())
                .contains("Nominal date 9999-12-31 is more than 7 days after today (" + today
                        + "); OPTAIC_NOMINAL_HORIZON_DAYS sets the horizon");
        TestingCli.Result eighth = TestingCli.optaic(
                env, "run", "start", id, "--nominal-date", today.plusDays(8).toString(), "--queue-only");
        assertThat(eighth.exitCode()).as(eighth.err()).isEqualTo(2);
        assertThat(runs(env, market)).isEmpty();

        TestingCli.Result seventh = TestingCli.optaic(
                env, "run", "start", id, "--nominal-date", today.plusDays(7).toString(), "--queue-only");
        assertThat(seventh.exitCode()).as(seventh.err()).isZero();
        assertThat(runs(env, market)).hasSize(1);

        env.put("OPTAIC_NOMINAL_HORIZON_DAYS", "0");
        TestingCli.Result tomorrow = TestingCli.optaic(
                env, "run", "start", id, "--nominal-date", today.plusDays(1).toString(), "--queue-only");
        assertThat(tomorrow.exitCode()).isEqualTo(2);
        assertThat(tomorrow.err()).contains("is more than 0 days after today");
        TestingCli.Result past = TestingCli.optaic(
                env, "run", "start", id, "--nominal-date", today.minusDays(3).toString(), "--queue-only");
        assertThat(past.exitCode()).as(past.err()).isZero();

        env.put("OPTAIC_NOMINAL_HORIZON_DAYS", "-1");
        TestingCli.Result negative = TestingCli.optaic(
                env, "run", "start", id, "--nominal-date", today.minusDays(4).toString(), "--queue-only");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err())
                .contains("OPTAIC_NOMINAL_HORIZON_DAYS must be a whole number of days >= 0," + " got '-1'");
        assertThat(runs(env, market)).hasSize(2);
    }

    private static List<Run> runs(Map<String, String> env, Instance instance) {
        try (Optaic optaic = TestingOptaic.open(env)) {
            return optaic.store()
                    .runs()
                    .runsOf(optaic.actor(), instance.resource().id(), PageRequest.first(10))
                    .items();
        }
    }
}
