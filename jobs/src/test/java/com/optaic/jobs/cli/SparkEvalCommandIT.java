package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optaic eval --engine spark} and {@code optaic bench eval} through the command line. The class starts
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
        Files.writeString(exprFile, String.join("\n",
                "DEF MOMENTUM(x, n) = x / REF(x, n) - 1",
                "mom = MOMENTUM(close, 20)",
                "alpha003 = (-1 * correlation(rank(open), rank(volume), 10))",
                "alpha101 = ((close - open) / ((high - low) + .001))",
                "neutral = IndNeutralize(RANK(mom), IndClass.industry)",
                "z = ZSCORE(TS_SKEW(returns, 20) * STD(close, 15))",
                "LABEL fwd5 = REF(close, -5) / close - 1"), StandardCharsets.UTF_8);
        Path sparkOut = dir.resolve("factors.parquet");
        Path localOut = dir.resolve("local.parquet");

        Result onSpark = optaic("eval", "--engine", "spark", "--master", "local[2]", "--data", panel.toString(),
                "--expr-file", exprFile.toString(), "--block-dates", "70", "--out", sparkOut.toString());
        assertThat(onSpark.exitCode()).as(onSpark.err()).isZero();
        assertThat(onSpark.err()).contains("36000 rows x 6 expressions").contains("(5 part files)")
                .contains("spark local[2]");
        assertThat(sparkOut).isDirectory();
        Result local = optaic("eval", "--data", panel.toString(), "--expr-file", exprFile.toString(),
                "--out", localOut.toString());
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
        assertUserError(optaic("eval", "--engine", "spark", "--synthetic", "5x40", "--expr", "x=close", "--out", out.toString()),
                "--engine spark reads a long Parquet panel: give --data");
        assertUserError(optaic("eval", "--engine", "spark", "--data", csv.toString(), "--expr", "x=close", "--out", out.toString()),
                "--engine spark reads Parquet only");
        assertUserError(optaic("eval", "--engine", "spark", "--data", panel.toString(), "--expr", "x=close"),
                "give --out DIR");
        assertUserError(optaic("eval", "--engine", "spark", "--data", panel.toString(), "--expr", "x=close",
                "--out", dir.resolve("f.csv").toString()), "not a .csv file");
        assertUserError(optaic("eval", "--data", panel.toString(), "--expr", "x=close", "--master", "local[2]",
                "--out", out.toString()), "--master applies to --engine spark only");
        assertUserError(optaic("eval", "--engine", "sparkle", "--data", panel.toString(), "--expr", "x=close",
                "--out", out.toString()), "expected local or spark");
        assertUserError(optaic("eval", "--engine", "spark", "--data", panel.toString(), "--expr", "x=RANK(clsoe)",
                "--out", out.toString()), "did you mean close?");
        assertUserError(optaic("eval", "--engine", "spark", "--master", "local[3]", "--data", panel.toString(),
                "--expr", "x=close", "--out", out.toString()), "already runs Spark with master 'local[2]'");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p.csv");
        }
    }

    @Test
    void benchEvalComparesWithSparkSqlAndPrintsTheRatioLast() {
        Result bench = optaic("bench", "eval", "--assets", "40", "--days", "120", "--repeats", "1",
                "--master", "local[2]", "--dir", dir.toString());
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
