package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.TestingOptaic;
import com.optaic.jobs.bench.BenchCommand;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optaic eval --engine spark} through the command line, and the benchmark {@code bench eval}. The class starts
 * Spark {@code local[2]} once; the commands find it running and leave it running.
 */
class SparkEvalCommandIT {
    private static SparkSession spark;
    private static Path panel;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.getOrCreate("local[2]");
        panel = shared.resolve("panel.parquet");
        new PanelWriter().write(SyntheticMarket.generate(120, 300, 4), panel);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void sparkAndLocalWriteTheSameNumbers() throws IOException {
        Path exprFile = dir.resolve("alphas.expr");
        Files.writeString(
                exprFile,
                String.join(
                        "\n",
                        "DEF MOMENTUM(x, n) = x / REF(x, n) - 1",
                        "mom = MOMENTUM(close, 20)",
                        "alpha003 = (-1 * correlation(rank(open), rank(volume), 10))",
                        "alpha101 = ((close - open) / ((high - low) + .001))",
                        "neutral = IndNeutralize(RANK(mom), IndClass.industry)",
                        "z = ZSCORE(TS_SKEW(returns, 20) * STD(close, 15))",
                        "LABEL fwd5 = REF(close, -5) / close - 1"),
                StandardCharsets.UTF_8);
        Path sparkOut = dir.resolve("factors.parquet");
        Path localOut = dir.resolve("local.parquet");

        Result onSpark = optaic(
                "eval",
                "--engine",
                "spark",
                "--master",
                "local[2]",
                "--data",
                panel.toString(),
                "--expr-file",
                exprFile.toString(),
                "--block-dates",
                "70",
                "--out",
                sparkOut.toString());
        assertThat(onSpark.exitCode()).as(onSpark.err()).isZero();
        assertThat(onSpark.err())
                .contains("36000 rows x 6 expressions")
                .contains("(5 part files)")
                .contains("spark local[2]");
        assertThat(sparkOut).isDirectory();
        Result local = optaic(
                "eval", "--data", panel.toString(), "--expr-file", exprFile.toString(), "--out", localOut.toString());
        assertThat(local.exitCode()).as(local.err()).isZero();

        Panel fromSpark = new PanelReader().read(sparkOut);
        Panel fromLocal = new PanelReader().read(localOut);
        assertThat(fromSpark.epochDays()).isEqualTo(fromLocal.epochDays());
        assertThat(fromSpark.assets()).isEqualTo(fromLocal.assets());
        assertThat(fromSpark.presence()).isEqualTo(fromLocal.presence());
        for (String name : List.of("mom", "alpha003", "alpha101", "neutral", "z", "fwd5")) {
            assertThat(fromSpark.requireNumeric(name)).as(name).isEqualTo(fromLocal.requireNumeric(name));
        }
        assertThat(spark.read().parquet(sparkOut.toString()).count()).isEqualTo(36_000);
    }

    @Test
    void sparkNeedsParquetInAndADirectoryOut() throws IOException {
        Path out = dir.resolve("out");
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "date,asset,close\n2020-01-02,A,1\n", StandardCharsets.UTF_8);
        assertUserError(
                optaic(
                        "eval",
                        "--engine",
                        "spark",
                        "--synthetic",
                        "5x40",
                        "--expr",
                        "x=close",
                        "--out",
                        out.toString()),
                "--engine spark reads a long Parquet panel or a dataset: give --data");
        assertUserError(
                optaic(
                        "eval",
                        "--engine",
                        "spark",
                        "--data",
                        csv.toString(),
                        "--expr",
                        "x=close",
                        "--out",
                        out.toString()),
                "--engine spark reads Parquet only");
        assertUserError(
                optaic("eval", "--engine", "spark", "--data", panel.toString(), "--expr", "x=close"),
                "give --out DIR (Parquet parts), --out FILE.arrow|.csv or --out-dataset NAME");
        assertUserError(
                optaic(
                        "eval",
                        "--data",
                        panel.toString(),
                        "--expr",
                        "x=close",
                        "--master",
                        "local[2]",
                        "--out",
                        out.toString()),
                "--master applies to --engine spark only");
        assertUserError(
                optaic(
                        "eval",
                        "--engine",
                        "sparkle",
                        "--data",
                        panel.toString(),
                        "--expr",
                        "x=close",
                        "--out",
                        out.toString()),
                "expected local or spark");
        assertUserError(
                optaic(
                        "eval",
                        "--engine",
                        "spark",
                        "--data",
                        panel.toString(),
                        "--expr",
                        "x=RANK(clsoe)",
                        "--out",
                        out.toString()),
                "did you mean close?");
        assertUserError(
                optaic(
                        "eval",
                        "--engine",
                        "spark",
                        "--master",
                        "local[3]",
                        "--data",
                        panel.toString(),
                        "--expr",
                        "x=close",
                        "--out",
                        out.toString()),
                "already runs Spark with master 'local[2]'");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p.csv");
        }
    }

    @Test
    void sparkNeverDeletesWhatItDidNotWrite() throws IOException {
        // The hostile case: --out . inside a repository whose only entries are hidden or start with '_'.
        Path repository = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repository.resolve(".git"));
        Files.writeString(repository.resolve(".git/HEAD"), "ref: refs/heads/main\n", StandardCharsets.UTF_8);
        Files.writeString(repository.resolve(".env"), "TOKEN=x\n", StandardCharsets.UTF_8);
        Files.writeString(repository.resolve("_important_notes.txt"), "keep\n", StandardCharsets.UTF_8);
        assertUserError(
                optaic(
                        "eval",
                        "--engine",
                        "spark",
                        "--master",
                        "local[2]",
                        "--data",
                        panel.toString(),
                        "--expr",
                        "x=close",
                        "--out",
                        repository.resolve(".").toString()),
                "which was not written by OptAIC");
        try (Stream<Path> files = Files.list(repository)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(".git", ".env", "_important_notes.txt");
        }
        assertThat(repository.resolve(".git/HEAD")).hasContent("ref: refs/heads/main");

        // The input itself, by another spelling, is refused before Spark is asked for anything.
        Path copy = dir.resolve("in.parquet");
        Files.copy(panel, copy);
        assertUserError(
                optaic(
                        "eval",
                        "--engine",
                        "spark",
                        "--master",
                        "local[2]",
                        "--data",
                        copy.toString(),
                        "--expr",
                        "x=close",
                        "--out",
                        dir.resolve("repo/../in.parquet").toString()),
                "is the input --data");
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(panel));

        // An earlier output is still replaced.
        Path out = dir.resolve("factors");
        for (String expression : List.of("x=close", "y=open")) {
            Result result = optaic(
                    "eval",
                    "--engine",
                    "spark",
                    "--master",
                    "local[2]",
                    "--data",
                    panel.toString(),
                    "--expr",
                    expression,
                    "--out",
                    out.toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(spark.read().parquet(out.toString()).columns()).containsExactly("date", "asset", "y");
    }

    @Test
    void sparkOverADatasetVersionIntoADatasetOrArrowEqualsLocal() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Panel market = SyntheticMarket.generate(60, 300, 8);
        Set<String> fields = new TreeSet<>(market.numericFields().keySet());
        fields.addAll(market.groupFields().keySet());
        DatasetWriter writer = new DatasetWriter(root, new FileVersionCatalog(root));
        writer.rebuild("prices", PanelEvaluation.slice(market, 0, 250, fields), EvalDatasetCommandTest.AS_OF);
        String[] dataset = {"eval", "--dataset", "prices", "--root", root.toString()};
        String[] spark = {"--engine", "spark", "--master", "local[2]", "--block-dates", "60"};

        Result first = optaic(concat(
                concat(dataset, spark),
                concat(EvalDatasetCommandTest.EXPRESSIONS, new String[] {"--out-dataset", "f_spark"})));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("-> dataset 'f_spark' version 1: +").contains("spark local[2]: 5 tasks");
        Result local = optaic(
                concat(dataset, concat(EvalDatasetCommandTest.EXPRESSIONS, new String[] {"--out-dataset", "f_local"})));
        assertThat(local.exitCode()).as(local.err()).isZero();

        writer.append("prices", PanelEvaluation.slice(market, 250, 252, fields), EvalDatasetCommandTest.AS_OF);
        Result nightly = optaic(concat(
                concat(dataset, spark),
                concat(EvalDatasetCommandTest.EXPRESSIONS, new String[] {"--out-dataset", "f_spark"})));
        assertThat(nightly.exitCode()).as(nightly.err()).isZero();
        assertThat(nightly.err())
                .contains("-> dataset 'f_spark' version 2: +")
                .contains("2 dates appended")
                .contains("1 tasks");
        optaic(concat(dataset, concat(EvalDatasetCommandTest.EXPRESSIONS, new String[] {"--out-dataset", "f_local"})));
        DatasetReader reader = new DatasetReader(root, new FileVersionCatalog(root));
        TestingOptaic.assertSameCells(
                reader.readPanel("f_spark", DatasetQuery.all()),
                reader.readPanel("f_local", DatasetQuery.all()),
                Set.of("e"));

        // Arrow IPC from Spark, over version 1 with the root as a file:// URI (the driver and the tasks read it
        // through Hadoop): the same rows as the local engine writes from the plain path.
        Path sparkArrow = dir.resolve("spark.arrow");
        Path localArrow = dir.resolve("local.arrow");
        Result arrow = optaic(concat(
                new String[] {
                    "eval", "--dataset", "prices@1", "--root", root.toUri().toString()
                },
                concat(spark, concat(EvalDatasetCommandTest.EXPRESSIONS, new String[] {"--out", sparkArrow.toString()
                }))));
        assertThat(arrow.exitCode()).as(arrow.err()).isZero();
        assertThat(arrow.err()).contains("assembled from 5 part files");
        Result localRun = optaic(concat(
                new String[] {"eval", "--dataset", "prices@1", "--root", root.toString()},
                concat(EvalDatasetCommandTest.EXPRESSIONS, new String[] {"--out", localArrow.toString()})));
        assertThat(localRun.exitCode()).as(localRun.err()).isZero();
        TestingOptaic.assertSameCells(
                new PanelReader().read(sparkArrow), new PanelReader().read(localArrow), Set.of("e"));
        assertThat(new PanelReader().read(sparkArrow).dateCount()).isEqualTo(250);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("."))
                            .toList())
                    .isEmpty();
        }

        Result unknown = optaic(concat(
                new String[] {"eval", "--dataset", "prices@9", "--root", root.toString()}, concat(spark, new String[] {
                    "--expr", "x=close", "--out", dir.resolve("x").toString()
                })));
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("has no version 9; it has versions [1, 2]");
    }

    private static String[] concat(String[] a, String[] b) {
        return EvalDatasetCommandTest.concat(a, b);
    }

    @Test
    void aDataFileChangedOnDiskFailsTheSparkTasksNamingIt() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Panel market = SyntheticMarket.generate(30, 120, 8);
        new DatasetWriter(root, new FileVersionCatalog(root)).rebuild("prices", market, EvalDatasetCommandTest.AS_OF);
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
        Result result = optaic(
                "eval",
                "--dataset",
                "prices",
                "--root",
                root.toString(),
                "--engine",
                "spark",
                "--master",
                "local[2]",
                "--expr",
                "x=close",
                "--out-dataset",
                "out");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(file.getFileName().toString()).contains("SHA-256");
        assertThat(new FileVersionCatalog(root).latest("out")).isEmpty();
    }

    @Test
    void benchEvalComparesWithSparkSqlAndPrintsTheRatioLast() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCommand.run(
                new String[] {
                    "eval",
                    "--assets",
                    "40",
                    "--days",
                    "120",
                    "--repeats",
                    "1",
                    "--master",
                    "local[2]",
                    "--dir",
                    dir.toString()
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        Result bench = new Result(code, out.toString(), err.toString());
        assertThat(bench.exitCode()).as(bench.out() + bench.err()).isZero();
        assertThat(bench.out()).contains("agreement: yes").contains("in-process:");
        List<String> lines = bench.out().lines().toList();
        assertThat(lines.get(lines.size() - 1))
                .matches("bench eval: spark-sql=\\d+\\.\\d{3} optaic=\\d+\\.\\d{3} ratio=\\d+\\.\\d");
    }

    private static void assertUserError(Result result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
