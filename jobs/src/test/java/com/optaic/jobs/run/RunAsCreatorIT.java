package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Grant;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Role;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: a run executes with its creator's permissions whoever adopts it. A user whose read grant on
 * an input was revoked after queuing cannot have the administrator read it for them.
 */
class RunAsCreatorIT {
    @Test
    void anAdoptedRunChecksItsInputsAsItsCreatorNotAsTheAdopter() {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            Actor admin = optaic.actor();
            TestingOptaic.Workspace owner = TestingOptaic.workspace(optaic);
            Instance market = TestingOptaic.syntheticDataset(
                    optaic, owner.user(), owner.project().id(), "market", 4, 15);
            assertThat(TestingOptaic.runNow(
                                    optaic, owner.user(), market.resource().id())
                            .status())
                    .isEqualTo(RunStatus.SUCCEEDED);
            TestingOptaic.Workspace reader = TestingOptaic.workspace(optaic);
            Grant grant = optaic.store()
                    .access()
                    .grant(owner.user(), owner.project().id(), reader.user().principalId(), Role.VIEWER);
            Instance experiment = TestingOptaic.experiment(
                    optaic,
                    reader.user(),
                    reader.project().id(),
                    "borrowed",
                    market.resource().id(),
                    Map.of("z", "rank(close)"));
            UUID runId = optaic.frame()
                    .queue(
                            reader.user(),
                            experiment.resource().id(),
                            RunTrigger.MANUAL,
                            Optional.empty(),
                            JsonNodeFactory.instance.objectNode())
                    .resource()
                    .id();

            optaic.store().access().revoke(owner.user(), grant.id());
            Run run = optaic.frame().launch(admin, runId).run();

            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error())
                    .as("error")
                    .hasValueSatisfying(
                            e -> assertThat(e).contains("step 'resolve' failed").contains("not found"));
            assertThat(optaic.store().runs().outputs(admin, runId)).isEmpty();
        }
    }
}
