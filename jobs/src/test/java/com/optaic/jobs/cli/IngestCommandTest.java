package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optaic ingest} in process: what it commits, what it reports, and what bad input leaves behind. */
class IngestCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSyntheticMarketIsWrittenAsDatasetWriterWritesItALongerOneAppendsItsNewDaysAndCompactionMergesThem() {
        Path root = dir.resolve("root");
        Result first = optaic("ingest", "--dataset", "market", "--synthetic", "30x200:7", "--root", root.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("dataset 'market' under " + root + ": version 1 (append): rows_added 6000"
                        + " over 200 dates, 30 assets; last_date ");

        Path witness = dir.resolve("witness");
        VersionManifest written = new DatasetWriter(witness, new FileVersionCatalog(witness))
                .rebuild("market", SyntheticMarket.generate(30, 200, 7), LocalDate.of(2100, 1, 1));
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        assertThat(checksums(catalog.latest("market").orElseThrow())).isEqualTo(checksums(written));

        Result nextDay = optaic("ingest", "--dataset", "market", "--synthetic", "30x201:7", "--root", root.toString());
        assertThat(nextDay.exitCode()).as(nextDay.err()).isZero();
        VersionManifest appended = catalog.latest("market").orElseThrow();
        assertThat(appended.version()).isEqualTo(2);
        assertThat(appended.operation()).isEqualTo(Operation.APPEND);
        assertThat(appended.files()).hasSize(written.files().size() + 1);
        assertThat(appended.files().get(appended.files().size() - 1).rows()).isEqualTo(30);
        assertThat(nextDay.out()).contains("version 2 (append on 1): rows_added 30 over 1 dates, 30 assets");

        Result again = optaic("ingest", "--dataset", "market", "--synthetic", "30x201:7", "--root", root.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("no new rows after " + appended.maxDate() + ", version 2 stays latest");
        assertThat(catalog.list("market")).hasSize(2);

        Result compacted = optaic("compact", "--dataset", "market", "--root", root.toString());
        assertThat(compacted.exitCode()).as(compacted.err()).isZero();
        assertThat(compacted.out())
                .contains("version 3 (compact on 2): " + appended.files().size() + " files -> "
                        + written.files().size() + ", 6030 rows");
        assertThat(checksums(catalog.latest("market").orElseThrow()))
                .as("one file per year, as a rebuild writes")
                .isEqualTo(checksums(new DatasetWriter(witness, new FileVersionCatalog(witness))
                        .rebuild("market", SyntheticMarket.generate(30, 201, 7), LocalDate.of(2100, 1, 1))));
        Result compactedAgain = optaic("compact", "--dataset", "market", "--root", root.toString());
        assertThat(compactedAgain.out()).contains("version 3 already has one file per year");
        assertThat(optaic("compact", "--dataset", "market@2", "--root", root.toString())
                        .exitCode())
                .isEqualTo(2);
        assertThat(optaic("compact", "--dataset", "nothing", "--root", root.toString())
                        .exitCode())
                .isEqualTo(3);

        Result rebuilt = optaic(
                "ingest", "--dataset", "market", "--synthetic", "30x201:7", "--root", root.toString(), "--rebuild");
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        VersionManifest full = catalog.latest("market").orElseThrow();
        assertThat(full.operation()).isEqualTo(Operation.REBUILD);
        assertThat(full.rows()).isEqualTo(30 * 201);
        assertThat(full.files()).hasSize(written.files().size());
    }

    @Test
    void csvFilesAppendOnlyTheirLaterDatesAndAsOfLeavesOutTheFuture() throws IOException {
        Path root = dir.resolve("root");
        Path csv = Files.createDirectories(dir.resolve("daily"));
        Files.writeString(
                csv.resolve("a.csv"),
                "date,asset,close\n2024-01-02,AAA,10\n2024-01-02,BBB,20\n" + "2024-01-03,AAA,11\n");
        Files.writeString(csv.resolve("b.csv"), "date,asset,close\n2024-01-04,AAA,12\n2024-01-05,BBB,21\n");

        Result asOf = optaic(
                "ingest",
                "--dataset",
                "px",
                "--csv",
                csv.toString(),
                "--root",
                root.toString(),
                "--as-of",
                "2024-01-04");
        assertThat(asOf.exitCode()).as(asOf.err()).isZero();
        VersionManifest first = new FileVersionCatalog(root).latest("px").orElseThrow();
        assertThat(first.maxDate()).isEqualTo(LocalDate.of(2024, 1, 4));
        assertThat(first.rows()).isEqualTo(4);

        Result rest = optaic(
                "ingest", "--dataset", "px", "--csv", csv.resolve("*.csv").toString(), "--root", root.toString());
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.out())
                .contains("version 2 (append on 1): rows_added 1 over 1 dates, 1 assets; " + "last_date 2024-01-05");
    }

    @Test
    void aBadRowFailsWithItsFileAndLineAndLeavesNoVersionAndNoFiles() throws IOException {
        Path root = dir.resolve("root");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "date,asset,close\n2024-01-02,AAA,10\n2024-01-03,AAA,ten\n");

        Result bad = optaic("ingest", "--dataset", "px", "--csv", csv.toString(), "--root", root.toString());

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(csv + ":3").contains("ten");
        assertThat(new FileVersionCatalog(root).list("px")).isEmpty();
        assertThat(dataFiles(root)).isEmpty();
    }

    @Test
    void misusedOptionsAreUserErrorsNamingTheOption() {
        String root = dir.resolve("root").toString();
        Map<List<String>, String> cases = Map.of(
                List.of("--csv", "x.csv", "--ragged"), "--ragged applies to --synthetic only",
                List.of("--csv", "x.csv", "--tasks", "3"), "--tasks applies to --synthetic only",
                List.of("--synthetic", "10by20"), "--synthetic '10by20' is not ASSETSxDAYS[:SEED]",
                List.of("--synthetic", "10x20", "--engine", "gpu"), "--engine 'gpu' is not an engine",
                List.of("--synthetic", "10x20", "--master", "local[2]"), "--master applies to --engine spark only",
                List.of("--synthetic", "10x20", "--as-of", "2024-13-01"), "--as-of '2024-13-01' is not a date",
                List.of("--csv", dir.resolve("missing.csv").toString()), "missing.csv");
        cases.forEach((options, message) -> {
            List<String> args = Stream.concat(Stream.of("ingest", "--dataset", "px", "--root", root), options.stream())
                    .toList();
            Result result = optaic(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).as(String.join(" ", args)).contains(message);
        });
        Result badName = optaic("ingest", "--dataset", "../px", "--synthetic", "10x20", "--root", root);
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("../px");
    }

    static List<String> checksums(VersionManifest manifest) {
        return manifest.files().stream().map(DataFile::sha256).toList();
    }

    private static List<Path> dataFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".parquet"))
                    .toList();
        }
    }
}
