package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.CrashingAppendMain;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optaic gc} after a writer killed with SIGKILL between writing its data files and committing: the files
 * are listed (--dry-run) and removed, and nothing else is: foreign files beside them and among them survive, and
 * the committed version reads the same.
 */
class GcCommandTest {
    @TempDir
    Path dir;

    @Test
    void removesWhatAKilledWriteLeftAndNothingElse() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        Panel market = SyntheticMarket.generate(30, 800, 7); // CrashingAppendMain's market
        new DatasetWriter(root, catalog).rebuild("prices", market.rows(0, 700), LocalDate.of(2030, 1, 1));
        Panel before = new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all());
        killWriterBeforeItsCommit(root);
        List<Path> orphanDirectories = writeDirectories(root, "v000002-");
        assertThat(orphanDirectories).hasSize(1);
        Path orphan = orphanDirectories.get(0);
        long orphanFiles;
        try (Stream<Path> files = Files.list(orphan)) {
            orphanFiles = files.count();
        }
        assertThat(orphanFiles).isEqualTo(4);
        Path beside = Files.writeString(root.resolve("prices/data/notes.txt"), "mine", StandardCharsets.UTF_8);
        Path among = Files.writeString(orphan.resolve("keep.csv"), "mine too", StandardCharsets.UTF_8);

        // Fresh and uncommitted: perhaps a write still running, so left alone by default.
        Result fresh = optaic("gc", "--root", root.toString(), "--json");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(TestingOptaic.json(fresh.out()).get("files").asInt()).isZero();

        Result dryRun = optaic("gc", "--root", root.toString(), "--dry-run", "--json", "--older-than-minutes", "0");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        JsonNode listed = TestingOptaic.json(dryRun.out());
        assertThat(listed.get("files").asInt()).isEqualTo(4);
        assertThat(listed.get("dry_run").asBoolean()).isTrue();
        assertThat(listed.get("orphans").get(0).get("path").asText())
                .startsWith("prices/data/" + orphan.getFileName() + "/part-");
        assertThat(writeDirectories(root, "v000002-")).hasSize(1);
        try (Stream<Path> files = Files.list(orphan)) {
            assertThat(files.count()).isEqualTo(5);
        }

        Result removed = optaic("gc", "--root", root.toString(), "--older-than-minutes", "0");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("removed 4 files");
        assertThat(beside).hasContent("mine");
        assertThat(among).hasContent("mine too");
        try (Stream<Path> files = Files.list(orphan)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.csv");
        }
        TestingOptaic.assertSameCells(
                new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all()), before, Set.of());

        // A write whose version number another write has since committed can never commit: removed at once.
        killWriterBeforeItsCommit(root);
        new DatasetWriter(root, catalog).append("prices", market.rows(700, 710), LocalDate.of(2030, 1, 1));
        Result taken = optaic("gc", "--root", root.toString(), "--json");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        assertThat(TestingOptaic.json(taken.out()).get("files").asInt()).isEqualTo(4);
        // The committed one, and the first orphan's directory, which holds a foreign file.
        assertThat(writeDirectories(root, "v000002-")).hasSize(2).contains(orphan);
        assertThat(among).hasContent("mine too");
        assertThat(catalog.latest("prices").orElseThrow().version()).isEqualTo(2);
        assertThat(new DatasetReader(root, catalog)
                        .readPanel("prices", DatasetQuery.all())
                        .dateCount())
                .isEqualTo(710);
        assertThat(beside).hasContent("mine");
    }

    @Test
    void removesWhatAKilledIngestLeft() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Process ingest = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx2g",
                        Main.class.getName(),
                        "ingest",
                        "--dataset",
                        "big",
                        "--root",
                        root.toString(),
                        "--synthetic",
                        "2000x2520:7",
                        "--engine",
                        "local")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ingest.log").toFile())
                .start();
        Path data = root.resolve("big/data");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!hasWrittenAFile(data)) {
                assertThat(ingest.isAlive())
                        .as("the ingest ended before it wrote a file: %s", Files.readString(dir.resolve("ingest.log")))
                        .isTrue();
                assertThat(System.nanoTime()).as("the ingest wrote nothing").isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            ingest.destroyForcibly(); // SIGKILL, in the middle of writing its files
            assertThat(ingest.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(new FileVersionCatalog(root).latest("big"))
                .as("killed before its commit")
                .isEmpty();
        Path beside = Files.writeString(data.resolve("README.txt"), "mine", StandardCharsets.UTF_8);
        List<Path> killed = writeDirectories(root, "big", "v000001-");
        assertThat(killed).hasSize(1);

        Result result = optaic("gc", "--root", root.toString(), "--json", "--older-than-minutes", "0");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode removed = TestingOptaic.json(result.out());
        assertThat(removed.get("files").asInt()).isPositive();
        assertThat(removed.get("bytes").asLong()).isPositive();
        assertThat(killed.get(0)).doesNotExist();
        assertThat(beside).hasContent("mine");
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("README.txt");
        }
    }

    private static boolean hasWrittenAFile(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.anyMatch(p -> p.getFileName().toString().contains("part-") && size(p) > 0);
        }
    }

    /** The size of a file being written, 0 when it is gone or not a file (yet). */
    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void killWriterBeforeItsCommit(Path root) throws Exception {
        Path ready = dir.resolve("ready");
        Files.deleteIfExists(ready);
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx512m",
                        CrashingAppendMain.class.getName(),
                        root.toString(),
                        "prices",
                        "700",
                        "740",
                        ready.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("writer.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready)) {
                assertThat(process.isAlive())
                        .as("writer died early: %s", Files.readString(dir.resolve("writer.log")))
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("writer did not get to its commit")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static List<Path> writeDirectories(Path root, String prefix) throws IOException {
        return writeDirectories(root, "prices", prefix);
    }

    private static List<Path> writeDirectories(Path root, String dataset, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve(dataset).resolve("data"))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }
}
