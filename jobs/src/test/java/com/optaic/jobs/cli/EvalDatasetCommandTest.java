package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optaic eval --dataset NAME[@VERSION]} and {@code --out-dataset} in process, through the command line. */
class EvalDatasetCommandTest {
    static final LocalDate AS_OF = LocalDate.of(2100, 1, 1);
    static final String[] EXPRESSIONS = {
        "--expr",
        "mom=close/REF(close,20)-1",
        "--expr",
        "c=CORR(RANK(close), RANK(volume), 10)",
        "--expr",
        "n=IndNeutralize(TS_SKEW(returns, 15), IndClass.industry)",
        "--expr",
        "e=EMA(close, 5)"
    };

    @TempDir
    Path dir;

    private Path root;
    private Panel market;
    private DatasetWriter writer;

    @BeforeEach
    void prices() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        market = SyntheticMarket.generate(40, 300, 5);
        writer = new DatasetWriter(root, new FileVersionCatalog(root));
        writer.rebuild("prices", rows(0, 250), AS_OF);
    }

    @Test
    void aDatasetVersionReadsAsTheSameRowsInAFileWould() throws IOException {
        Path file = dir.resolve("prices.parquet");
        new PanelWriter().write(rows(0, 250), file);
        writer.append("prices", rows(250, 300), AS_OF);

        Result fromFile = optaic(concat(
                new String[] {
                    "eval",
                    "--data",
                    file.toString(),
                    "--from",
                    "2010-06-01",
                    "--out",
                    dir.resolve("file.csv").toString()
                },
                EXPRESSIONS));
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        Result fromVersion1 = optaic(concat(
                new String[] {
                    "eval",
                    "--dataset",
                    "prices@1",
                    "--root",
                    root.toString(),
                    "--from",
                    "2010-06-01",
                    "--out",
                    dir.resolve("v1.csv").toString()
                },
                EXPRESSIONS));
        assertThat(fromVersion1.exitCode()).as(fromVersion1.err()).isZero();
        assertThat(Files.readString(dir.resolve("v1.csv"))).isEqualTo(Files.readString(dir.resolve("file.csv")));

        Result latest = optaic(concat(
                new String[] {
                    "eval",
                    "--dataset",
                    "prices",
                    "--root",
                    root.toString(),
                    "--from",
                    "2010-06-01",
                    "--out",
                    dir.resolve("latest.csv").toString()
                },
                EXPRESSIONS));
        assertThat(latest.exitCode()).as(latest.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("latest.csv")).size() - 1)
                .isEqualTo(Files.readAllLines(dir.resolve("v1.csv")).size() - 1 + 50 * 40 - absentCells(250, 300));
    }

    @Test
    void outDatasetAppendsOnlyTheNewDatesAndEqualsARebuild() {
        Result first = optaic(concat(
                new String[] {"eval", "--dataset", "prices", "--root", root.toString(), "--out-dataset", "factors"},
                EXPRESSIONS));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("dataset 'prices' version 1 -> dataset 'factors' version 1: +");

        writer.append("prices", rows(250, 251), AS_OF);
        Result nightly = optaic(concat(
                new String[] {"eval", "--dataset", "prices", "--root", root.toString(), "--out-dataset", "factors"},
                EXPRESSIONS));
        assertThat(nightly.exitCode()).as(nightly.err()).isZero();
        assertThat(nightly.err())
                .contains("dataset 'prices' version 2 -> dataset 'factors' version 2: +" + (40 - absentCells(250, 251))
                        + " rows")
                .contains("1 dates appended");

        Result again = optaic(concat(
                new String[] {"eval", "--dataset", "prices", "--root", root.toString(), "--out-dataset", "factors"},
                EXPRESSIONS));
        assertThat(again.err()).contains("factors' version 2: up to date, nothing new");

        Result rebuilt = optaic(concat(
                new String[] {
                    "eval", "--dataset", "prices", "--root", root.toString(), "--out-dataset", "full", "--rebuild"
                },
                EXPRESSIONS));
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        DatasetReader reader = new DatasetReader(root, new FileVersionCatalog(root));
        TestingOptaic.assertSameCells(
                reader.readPanel("factors", DatasetQuery.all()),
                reader.readPanel("full", DatasetQuery.all()),
                Set.of("e"));
    }

    @Test
    void aHadoopUriRootServesTheSameVersionsAsThePlainDirectory() throws IOException {
        String uri = root.toUri().toString();
        assertThat(uri).startsWith("file:///");
        Result viaUri = optaic(concat(
                new String[] {"eval", "--dataset", "prices", "--root", uri, "--out-dataset", "factors"}, EXPRESSIONS));
        assertThat(viaUri.exitCode()).as(viaUri.err()).isZero();
        assertThat(viaUri.err()).contains("dataset 'prices' version 1 -> dataset 'factors' version 1: +");
        // Written through Hadoop's checksummed local file system: a .crc beside every data file.
        try (Stream<Path> files = Files.walk(root.resolve("factors/data"))) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertThat(names)
                    .filteredOn(name -> name.endsWith(".parquet"))
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(names).contains("." + name + ".crc"));
        }
        Result viaPath = optaic(concat(
                new String[] {"eval", "--dataset", "prices", "--root", root.toString(), "--out-dataset", "plain"},
                EXPRESSIONS));
        assertThat(viaPath.exitCode()).as(viaPath.err()).isZero();
        DatasetReader reader = new DatasetReader(root, new FileVersionCatalog(root), true);
        TestingOptaic.assertSameCells(
                reader.readPanel("factors", DatasetQuery.all()),
                reader.readPanel("plain", DatasetQuery.all()),
                Set.of("e"));

        assertUserError(
                optaic("eval", "--dataset", "prices", "--root", "s3a://bucket/datasets", "--expr", "x=close"),
                "metadata-store catalog");
        assertUserError(
                optaic("eval", "--dataset", "prices", "--root", "nosuchfs://host/datasets", "--expr", "x=close"),
                "Cannot use --root 'nosuchfs://host/datasets': no Hadoop FileSystem for scheme 'nosuchfs'");
    }

    @Test
    void aDataFileChangedOnDiskFailsTheReadNamingItUnderAPlainRoot() throws IOException {
        String first = new FileVersionCatalog(root)
                .latest("prices")
                .orElseThrow()
                .files()
                .get(0)
                .path();
        Path file = root.resolve("prices").resolve(first);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01; // same size: only the checksum can tell
        Files.write(file, bytes);
        Result result = optaic("eval", "--dataset", "prices", "--root", root.toString(), "--expr", "x=close");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(file.getFileName().toString()).contains("SHA-256");
    }

    @Test
    void theDefaultRootIsUnderTheConfiguredStorage() throws IOException {
        Path storage = dir.resolve("storage");
        Path defaultRoot = Files.createDirectories(storage.resolve("file-datasets"));
        new DatasetWriter(defaultRoot, new FileVersionCatalog(defaultRoot)).rebuild("prices", rows(0, 30), AS_OF);
        Result result = optaic(
                Map.of("OPTAIC_STORAGE", storage.toString()), "eval", "--dataset", "prices", "--expr", "x=close");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("date").contains("asset").contains("x");
    }

    @Test
    void unknownDatasetsAndVersionsAndBadOptions() {
        writer.append("prices", rows(250, 260), AS_OF);
        Result unknown = optaic("eval", "--dataset", "prizes", "--root", root.toString(), "--expr", "x=close");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("Unknown dataset 'prizes'").contains("known: prices");
        Result version = optaic("eval", "--dataset", "prices@7", "--root", root.toString(), "--expr", "x=close");
        assertThat(version.exitCode()).isEqualTo(3);
        assertThat(version.err()).contains("Dataset 'prices' has no version 7; it has versions [1, 2]");
        Result empty = optaic(
                "eval", "--dataset", "prices", "--root", dir.resolve("nothing").toString(), "--expr", "x=close");
        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(empty.err()).contains("it holds no dataset");

        assertUserError(
                optaic("eval", "--dataset", "prices@x", "--root", root.toString(), "--expr", "x=close"),
                "is not NAME or NAME@VERSION");
        assertUserError(
                optaic("eval", "--dataset", "../prices", "--root", root.toString(), "--expr", "x=close"),
                "Invalid dataset name");
        assertUserError(
                optaic("eval", "--synthetic", "5x40", "--expr", "x=close", "--out-dataset", "f"),
                "give the input with --dataset");
        assertUserError(
                optaic("eval", "--synthetic", "5x40", "--expr", "x=close", "--root", root.toString()),
                "--root applies to --dataset and --out-dataset only");
        assertUserError(
                optaic("eval", "--dataset", "prices", "--root", root.toString(), "--expr", "x=close", "--rebuild"),
                "--rebuild applies to --out-dataset only");
        assertUserError(
                optaic(
                        "eval",
                        "--dataset",
                        "prices",
                        "--root",
                        root.toString(),
                        "--expr",
                        "x=close",
                        "--out-dataset",
                        "f",
                        "--from",
                        "2010-01-05"),
                "takes no --from");
        assertUserError(
                optaic(
                        "eval",
                        "--dataset",
                        "prices",
                        "--root",
                        root.toString(),
                        "--expr",
                        "x=clsoe",
                        "--out-dataset",
                        "f"),
                "did you mean close?");
        assertThat(new FileVersionCatalog(root).datasets()).containsExactly("prices");
    }

    @Test
    void aDatasetIsNotItsOwnOutput() {
        List<Long> before = versions("prices");
        assertUserError(
                optaic(
                        "eval",
                        "--dataset",
                        "prices",
                        "--root",
                        root.toString(),
                        "--out-dataset",
                        "prices",
                        "--rebuild",
                        "--expr",
                        "x=close*2"),
                "Cannot evaluate dataset 'prices' into itself");
        assertUserError(
                optaic(
                        "eval",
                        "--dataset",
                        "prices@1",
                        "--root",
                        root.toString(),
                        "--out-dataset",
                        "prices",
                        "--expr",
                        "x=close*2"),
                "Cannot evaluate dataset 'prices' into itself");
        assertThat(versions("prices")).isEqualTo(before).hasSize(1);
        assertThat(new FileVersionCatalog(root).latest("prices").orElseThrow().schema())
                .containsKey("close")
                .doesNotContainKey("x");
    }

    private List<Long> versions(String dataset) {
        return new FileVersionCatalog(root)
                .list(dataset).stream().map(m -> m.version()).toList();
    }

    private Panel rows(int from, int to) {
        return market.rows(from, to);
    }

    private int absentCells(int from, int to) {
        int absent = 0;
        for (int a = 0; a < market.assetCount(); a++) {
            for (int t = from; t < to; t++) {
                absent += market.presence()[a * market.dateCount() + t] ? 0 : 1;
            }
        }
        return absent;
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void assertUserError(Result result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(expected).doesNotContain("Exception");
    }
}
