package com.optaic.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DenialLog;
import com.optaic.metadata.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14, item 5: refused attempts leave a trace. A user reading another's instance, a bad token and a blank
 * token are recorded (who or token prefix, operation, target, reason) and read by the administrator with
 * {@code activity --denied}, not by the user; the log is append-only in the database and rate-limited.
 */
class DeniedAttemptsIT {
    @Test
    void refusalsAreRecordedForAuditorsAppendOnlyAndRateLimited() throws Exception {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            TestingOptaic.Workspace victim = TestingOptaic.workspace(optaic);
            Instance secret = TestingOptaic.syntheticDataset(
                    optaic, victim.user(), victim.project().id(), "secret", 3, 5);
            TestingOptaic.Workspace intruder = TestingOptaic.workspace(optaic);
            String token = optaic.store()
                    .principals()
                    .issueToken(admin, intruder.user().principalId(), "cli", Optional.empty())
                    .token();

            Map<String, String> asIntruder = new HashMap<>(env);
            asIntruder.put("OPTAIC_TOKEN", token);
            TestingCli.Result refused = TestingCli.optaic(
                    asIntruder, "run", "list", secret.resource().id().toString());
            assertThat(refused.exitCode()).as(refused.out()).isNotZero();

            Map<String, String> badToken = new HashMap<>(env);
            badToken.put("OPTAIC_TOKEN", "optaic_bogus0123456789");
            assertThat(TestingCli.optaic(badToken, "def", "list").exitCode()).isNotZero();
            Map<String, String> blankToken = new HashMap<>(env);
            blankToken.put("OPTAIC_TOKEN", " ");
            assertThat(TestingCli.optaic(blankToken, "def", "list").exitCode()).isEqualTo(2);

            // The intruder cannot read the log (and that refusal is recorded too).
            assertThat(TestingCli.optaic(asIntruder, "activity", "--denied").exitCode())
                    .isNotZero();

            TestingCli.Result log = TestingCli.optaic(env, "activity", "--denied", "--json");
            assertThat(log.exitCode()).as(log.err()).isZero();
            JsonNode denials = TestingOptaic.json(log.out());
            assertThat(denials).anySatisfy(d -> {
                assertThat(d.get("operation").asText()).isEqualTo("run list");
                assertThat(d.get("principalId").asText())
                        .isEqualTo(intruder.user().principalId().toString());
                assertThat(d.get("targetId").asText())
                        .isEqualTo(secret.resource().id().toString());
                assertThat(d.get("reason").asText()).isNotBlank();
            });
            assertThat(denials).anySatisfy(d -> {
                assertThat(d.get("operation").asText()).isEqualTo("def list");
                assertThat(d.get("tokenPrefix").asText()).isEqualTo("optaic_bogus");
                assertThat(d.get("reason").asText()).contains("BAD_TOKEN");
            });
            assertThat(denials)
                    .anySatisfy(d -> assertThat(d.get("reason").asText()).contains("BLANK_TOKEN"));
            assertThat(denials)
                    .anySatisfy(d -> assertThat(d.get("operation").asText()).isEqualTo("activity"));
            assertThat(denials.toString()).doesNotContain(token);
            assertThat(TestingCli.optaic(env, "activity", "--denied").out()).contains("run list", "token optaic_bogus");

            // Append-only in the database, whoever asks.
            JdbcTemplate jdbc = new JdbcTemplate(optaic.store().dataSource());
            assertThatThrownBy(() -> jdbc.update("UPDATE denied_attempts SET reason = 'x'"))
                    .isNotNull();
            assertThatThrownBy(() -> jdbc.update("DELETE FROM denied_attempts")).isNotNull();
            assertThat(optaic.store().denials().recent(admin, 100)).hasSize(denials.size());

            // A flood: at most PER_MINUTE recorded per (who, operation) a minute; the rest only counted.
            UUID target = secret.resource().id();
            int recorded = 0;
            for (int i = 0; i < DenialLog.PER_MINUTE + 15; i++) {
                if (optaic.store().denials().denied(intruder.user(), "flood", Optional.of(target), "denied")) {
                    recorded++;
                }
            }
            assertThat(recorded).isEqualTo(DenialLog.PER_MINUTE);
            assertThat(jdbc.queryForObject("SELECT count FROM denied_suppressed WHERE operation = 'flood'", Long.class))
                    .isEqualTo(15L);
        }
    }
}
