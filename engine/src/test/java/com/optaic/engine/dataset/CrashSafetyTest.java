package com.optaic.engine.dataset;

import static com.optaic.engine.dataset.TestingDatasets.assertSamePanel;
import static com.optaic.engine.dataset.TestingDatasets.checksums;
import static com.optaic.engine.dataset.TestingDatasets.dataFilesOnDisk;
import static com.optaic.engine.dataset.TestingDatasets.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL after writing its data files and before committing its manifest leaves the
 * earlier versions byte-identical and readable, no new version, and nothing that stops a retry.
 */
class CrashSafetyTest {
    private static final LocalDate AS_OF = LocalDate.of(2030, 1, 1);

    @TempDir
    Path root;

    /** The storage root the catalog goes through: the temporary directory, here as a plain local path. */
    StorageLocation storage(Path directory) {
        return StorageLocation.local(directory);
    }

    @Test
    void aWriterKilledBeforeItsCommitLeavesNoTrace() throws Exception {
        StorageLocation storage = storage(root);
        FileVersionCatalog catalog = new FileVersionCatalog(storage);
        DatasetWriter writer = new DatasetWriter(storage, catalog);
        DatasetReader reader = new DatasetReader(storage, catalog, true);
        Panel market = TestingDatasets.market();
        writer.rebuild("prices", rows(market, 0, 700), AS_OF);
        writer.append("prices", rows(market, 700, 720), AS_OF);
        Map<String, String> before = checksums(storage);
        List<String> filesBefore = dataFilesOnDisk(storage.resolve("prices"));

        Path ready = root.resolve("ready");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx512m",
                        "-Duser.timezone=" + System.getProperty("user.timezone"),
                        CrashingAppendMain.class.getName(),
                        storage.toString(),
                        "prices",
                        "720",
                        "760",
                        ready.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("writer.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready)) {
                assertThat(process.isAlive()).as("writer died early: %s", log()).isTrue();
                assertThat(System.nanoTime())
                        .as("writer did not get to its commit")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        // The killed writer did write its data: 40 dates, ten per file.
        List<String> orphans = new ArrayList<>(dataFilesOnDisk(storage.resolve("prices")));
        orphans.removeAll(filesBefore);
        assertThat(orphans).hasSize(4).allMatch(path -> path.startsWith("data/v000003-"));
        // ...but nothing it wrote is visible, and nothing that was there changed.
        assertThat(catalog.list("prices")).extracting(VersionManifest::version).containsExactly(1L, 2L);
        Map<String, String> after = checksums(storage);
        // The ready file and the log are local files, under the root when it is the local temporary directory.
        after.keySet().removeIf(path -> path.equals("ready") || path.equals("writer.log") || path.contains("v000003-"));
        assertThat(after).isEqualTo(before);
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), rows(market, 0, 720));
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all().atVersion(1)), rows(market, 0, 700));

        // gc finds exactly the orphans; a retry succeeds and the dataset reads whole.
        DatasetGarbageCollector collector = new DatasetGarbageCollector(storage, catalog);
        assertThat(collector.collect("prices", Instant.now().plusSeconds(60), false))
                .containsExactlyElementsOf(orphans);
        VersionManifest retried = writer.append("prices", rows(market, 720, 760), AS_OF);
        assertThat(retried.version()).isEqualTo(3);
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), rows(market, 0, 760));
        assertThat(collector.collect("prices", Instant.now().plusSeconds(60), true))
                .containsExactlyElementsOf(orphans);
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), rows(market, 0, 760));
    }

    private String log() {
        try {
            return Files.readString(root.resolve("writer.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
