package com.optaic.jobs.schedule;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli.Result;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code optaic backfill} with real pipeline runs, and {@code optaic serve --once}. */
class ScheduleCommandsIT {
    @Test
    void backfillRunsEachBusinessDayOnceAndServeTicks() {
        Map<String, String> env = TestingOptaic.newEnvironment();
        Instance market;
        Actor admin;
        try (Optaic optaic = TestingOptaic.open(env)) {
            admin = optaic.actor();
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            market = TestingOptaic.syntheticDataset(
                    optaic, admin, workspace.project().id(), "market", 5, 40);
        }
        String id = market.resource().id().toString();
        // Friday to Tuesday: three business days, run one at a time (they append to one dataset).
        Result first = optaic(env, "backfill", id, "--from", "2024-01-05", "--to", "2024-01-09");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("3 runs created (3 succeeded), 0 dates skipped");
        Result second = optaic(env, "backfill", id, "--from", "2024-01-05", "--to", "2024-01-09", "--concurrency", "2");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("0 runs created (0 succeeded), 3 dates skipped");
        try (Optaic optaic = TestingOptaic.open(env)) {
            List<Run> runs = optaic.store()
                    .runs()
                    .runsOf(admin, market.resource().id(), PageRequest.first(10))
                    .items();
            assertThat(runs.stream()
                            .map(r -> r.nominalDate().orElseThrow())
                            .sorted()
                            .toList())
                    .containsExactly(LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 9));
            assertThat(runs).allMatch(r -> r.trigger() == RunTrigger.BACKFILL && r.status() == RunStatus.SUCCEEDED);
        }

        Result serve = optaic(env, "serve", "--once");
        assertThat(serve.exitCode()).as(serve.out() + serve.err()).isZero();
        assertThat(serve.out()).contains("serve: scheduler started (one tick)");
        assertThat(optaic(env, "serve", "--interval", "0").exitCode()).isEqualTo(2);
    }
}
