package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli.Result;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import com.optaic.metadata.RunTrigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code optaic gc --run-storage}: an abandoned write of a run (its data files and a hidden temporary, untouched
 * for two hours) is removed, unless a RUNNING run of the dataset may still own it; foreign files, and the
 * directories of datasets the store does not know, stay; the committed version reads as before.
 */
class GcRunStorageIT {
    @Test
    void removesAnAbandonedRunWriteThatNoRunningRunOwns() throws IOException {
        Map<String, String> env = TestingOptaic.newEnvironment();
        try (Optaic optaic = TestingOptaic.open(env)) {
            TestingOptaic.Workspace workspace = TestingOptaic.workspace(optaic);
            Actor user = workspace.user();
            Instance dataset = TestingOptaic.syntheticDataset(
                    optaic, user, workspace.project().id(), "market", 10, 40);
            Run first = optaic.frame()
                    .launch(user, queue(optaic, user, dataset).resource().id())
                    .run();
            assertThat(first.status()).as("%s", first.error()).isEqualTo(RunStatus.SUCCEEDED);
            Path datasets = optaic.storage().datasets().localPath().orElseThrow();
            Path data = datasets.resolve(dataset.resource().id().toString()).resolve("data");
            Path committed = only(data, "v000001-");
            Path part = only(committed, "part-");

            Path abandoned = Files.createDirectories(data.resolve("v000002-0badf00d"));
            Path leftover = Files.copy(part, abandoned.resolve(part.getFileName()));
            Path temporary = Files.writeString(abandoned.resolve(".part-x.parquet.0123abcd.tmp"), "half");
            Path foreign = Files.writeString(data.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
            Path unknown = Files.createDirectories(datasets.resolve("not-a-dataset/data/v000001-00000000"));
            Path unknownPart = Files.writeString(unknown.resolve("part-a.parquet"), "not ours to judge");
            age(leftover, temporary, abandoned, unknownPart, unknown);

            // A RUNNING run of the dataset may own the write: left alone, however old.
            Run running = queue(optaic, user, dataset);
            optaic.store().runs().transition(user, running.resource().id(), RunStatus.RUNNING, Optional.empty());
            Result owned = optaic(env, "gc", "--run-storage", "--json");
            assertThat(owned.exitCode()).as(owned.err()).isZero();
            assertThat(TestingOptaic.json(owned.out()).get("files").asInt()).isZero();

            optaic.store().runs().transition(user, running.resource().id(), RunStatus.FAILED, Optional.of("killed"));
            Result dryRun = optaic(env, "gc", "--run-storage", "--dry-run", "--json");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(TestingOptaic.json(dryRun.out()).get("files").asInt()).isEqualTo(2);
            assertThat(leftover).exists();

            Result removed = optaic(env, "gc", "--run-storage");
            assertThat(removed.exitCode()).as(removed.err()).isZero();
            assertThat(removed.out()).contains("removed 2 files");
            assertThat(abandoned).doesNotExist();
            assertThat(foreign).hasContent("mine");
            assertThat(unknownPart).hasContent("not ours to judge");
            assertThat(part).exists();
            Result read =
                    optaic(env, "eval", "--dataset", dataset.resource().id().toString(), "--expr", "x=close");
            assertThat(read.exitCode()).as(read.err()).isZero();

            Result both = optaic(env, "gc", "--run-storage", "--root", datasets.toString());
            assertThat(both.exitCode()).isEqualTo(2);
        }
    }

    private static Run queue(Optaic optaic, Actor user, Instance dataset) {
        return optaic.frame()
                .queue(
                        user,
                        dataset.resource().id(),
                        RunTrigger.MANUAL,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode().put("engine", "local"));
    }

    private static void age(Path... paths) throws IOException {
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path path : paths) {
            Files.setLastModifiedTime(path, twoHoursAgo);
        }
    }

    private static Path only(Path directory, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> matching = entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
            assertThat(matching).hasSize(1);
            return matching.get(0);
        }
    }
}
