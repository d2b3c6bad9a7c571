package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code optaic eval} and {@code optaic ops} commands, end to end through the command line. */
class EvalCommandTest {
    private static final Path PRICES = Path.of("../../shared/data/stock_prices.csv");

    @TempDir
    Path dir;

    @Test
    void readmeExampleOverRealPrices() throws IOException {
        Path out = dir.resolve("f.csv");
        Result result = optaic(
                "eval",
                "--wide",
                "close=" + PRICES,
                "--expr",
                "mom20=close/REF(close,20)-1",
                "--expr",
                "z=ZSCORE(RANK(DELTA(close,5)))",
                "--out",
                out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("date,asset,mom20,z");

        // Independent witness: count the non-empty cells of the wide file and recompute one momentum by hand.
        List<String> raw = Files.readAllLines(PRICES, StandardCharsets.UTF_8);
        String[] header = raw.get(0).split(",", -1);
        long cells = 0;
        for (String line : raw.subList(1, raw.size())) {
            String[] f = line.split(",", -1);
            for (int i = 1; i < f.length; i++) {
                if (!f[i].isEmpty()) {
                    cells++;
                }
            }
        }
        assertThat(lines).hasSize((int) cells + 1);

        int aapl = List.of(header).indexOf("AAPL");
        String[] today = raw.get(1000).split(",", -1);
        String[] before = raw.get(980).split(",", -1);
        double expected = Double.parseDouble(today[aapl]) / Double.parseDouble(before[aapl]) - 1;
        String row = lines.stream()
                .filter(l -> l.startsWith(today[0] + ",AAPL,"))
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(row.split(",", -1)[2]))
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void dateRangeComputesTheHaloAndMatchesTheFullRun() throws IOException {
        Path full = dir.resolve("full.csv");
        Path part = dir.resolve("part.csv");
        String[] exprs = {
            "--expr", "m = MEAN(DELTA(close,5),20)", "--expr", "e = EMA(close, 10)", "--expr", "r = RANK(close)"
        };
        assertThat(optaic(concat(new String[] {"eval", "--wide", "close=" + PRICES, "--out", full.toString()}, exprs))
                        .exitCode())
                .isZero();
        assertThat(optaic(concat(
                                new String[] {
                                    "eval",
                                    "--wide",
                                    "close=" + PRICES,
                                    "--from",
                                    "2010-01-04",
                                    "--to",
                                    "2010-03-31",
                                    "--out",
                                    part.toString()
                                },
                                exprs))
                        .exitCode())
                .isZero();
        Map<String, String> fullRows = new HashMap<>();
        for (String line : Files.readAllLines(full, StandardCharsets.UTF_8)) {
            fullRows.put(line.substring(0, line.indexOf(',', 11)), line);
        }
        List<String> partLines = Files.readAllLines(part, StandardCharsets.UTF_8);
        assertThat(partLines.size()).isGreaterThan(1000);
        for (String line : partLines.subList(1, partLines.size())) {
            assertThat(line.substring(0, 10)).isBetween("2010-01-04", "2010-03-31");
            assertThat(line).isEqualTo(fullRows.get(line.substring(0, line.indexOf(',', 11))));
        }
    }

    @Test
    void syntheticPanelWithMacrosToParquetAndArrow() throws IOException {
        Path exprFile = dir.resolve("alphas.expr");
        Files.writeString(
                exprFile,
                String.join(
                        "\n",
                        "# momentum family",
                        "DEF MOMENTUM(x, n) = x / REF(x, n) - 1",
                        "mom = MOMENTUM(close, 20)",
                        "alpha101 = (close - open) / ((high - low) + .001)",
                        "neutral = IndNeutralize(RANK(mom), IndClass.industry)",
                        "LABEL fwd5 = REF(close, -5) / close - 1"),
                StandardCharsets.UTF_8);
        for (String ext : List.of("parquet", "arrow")) {
            Path out = dir.resolve("f." + ext);
            Result result = optaic(
                    "eval", "--synthetic", "50x300:3", "--expr-file", exprFile.toString(), "--out", out.toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(out).exists();
            assertThat(result.err()).contains("15000 rows x 4 expressions");
        }
    }

    @Test
    void previewWithoutOut() {
        Result result = optaic("eval", "--synthetic", "5x40", "--expr", "r=RANK(close)", "--preview-rows", "3");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().count()).isEqualTo(5);
        assertThat(result.out()).contains("... 197 more rows");
    }

    @Test
    void badInputGetsOneClearLineAndWritesNothing() throws IOException {
        Path out = dir.resolve("never.csv");
        Path dup = dir.resolve("dup.csv");
        Files.writeString(
                dup, "date,asset,close\n2020-01-02,A,1\n2020-01-03,A,2\n2020-01-02,A,3\n", StandardCharsets.UTF_8);
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "date,asset,close\n2020-01-02,A,1\n2020-01-03,A,abc\n", StandardCharsets.UTF_8);

        assertUserError(
                optaic(
                        "eval",
                        "--data",
                        dir.resolve("missing.csv").toString(),
                        "--expr",
                        "x=close",
                        "--out",
                        out.toString()),
                "missing.csv");
        assertUserError(
                optaic("eval", "--data", dup.toString(), "--expr", "x=close", "--out", out.toString()), "dup.csv:4");
        assertUserError(
                optaic("eval", "--data", text.toString(), "--expr", "x=close", "--out", out.toString()), "text.csv:3");
        assertUserError(
                optaic("eval", "--synthetic", "5x40", "--expr", "x=RANK(clsoe)", "--out", out.toString()),
                "unknown field 'clsoe'; did you mean close?");
        assertUserError(
                optaic("eval", "--synthetic", "5x40", "--expr", "x=RANK(close", "--out", out.toString()),
                "--expr #1 column 13: expected ',' or ')' in the call of RANK at --expr #1 column 3");
        assertUserError(
                optaic("eval", "--synthetic", "5x40", "--expr", "x=REF(close,-1)", "--out", out.toString()),
                "reads 1 row into the future");
        assertUserError(
                optaic(
                        "eval",
                        "--synthetic",
                        "5x40",
                        "--expr",
                        "x=close",
                        "--out",
                        dir.resolve("f.xlsx").toString()),
                "xlsx");
        assertUserError(optaic("eval", "--synthetic", "5by40", "--expr", "x=close"), "is not ASSETSxDAYS");
        assertUserError(optaic("eval", "--expr", "x=close"), "");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("dup.csv", "text.csv");
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path x = Files.createDirectories(dir.resolve("x"));
        Path csv = x.resolve("same.csv");
        String prices = "date,asset,close\n2020-01-02,A,1\n2020-01-03,A,2\n";
        Files.writeString(csv, prices, StandardCharsets.UTF_8);
        Path parquet = x.resolve("same.parquet");
        new com.optaic.engine.io.PanelWriter()
                .write(com.optaic.engine.synthetic.SyntheticMarket.generate(3, 10, 1), parquet);
        byte[] parquetBytes = Files.readAllBytes(parquet);
        Path wide = x.resolve("wide.csv");
        Files.writeString(wide, "date,A,B\n2020-01-02,1,2\n2020-01-03,3,4\n", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), csv);

        assertUserError(
                optaic("eval", "--data", csv.toString(), "--expr", "x=close", "--out", csv.toString()),
                "is the input --data");
        assertUserError(
                optaic(
                        "eval",
                        "--data",
                        csv.toString(),
                        "--expr",
                        "x=close",
                        "--out",
                        x.resolve(".").resolve("../x/same.csv").toString()),
                "is the input --data");
        assertUserError(
                optaic("eval", "--data", link.toString(), "--expr", "x=close", "--out", csv.toString()),
                "is the input --data");
        assertUserError(
                optaic("eval", "--data", parquet.toString(), "--expr", "x=close", "--out", parquet.toString()),
                "is the input --data");
        assertUserError(
                optaic("eval", "--wide", "close=" + wide, "--expr", "x=close", "--out", wide.toString()),
                "is the input --wide close");
        // A directory holding an input would be replaced as a whole by the Spark engine's output.
        assertUserError(
                optaic("eval", "--data", parquet.toString(), "--expr", "x=close", "--out", x.toString()),
                "holds the input --data");
        assertThat(csv).hasContent(prices);
        assertThat(Files.readAllBytes(parquet)).isEqualTo(parquetBytes);
        assertThat(wide).hasContent("date,A,B\n2020-01-02,1,2\n2020-01-03,3,4");
        try (var files = Files.list(x)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("same.csv", "same.parquet", "wide.csv");
        }
    }

    @Test
    void optimizeRefusesToWriteOverItsPrices() throws IOException {
        Path prices = dir.resolve("prices.csv");
        StringBuilder rows = new StringBuilder("date,A,B,C\n");
        for (int day = 1; day <= 28; day++) {
            rows.append(String.format(
                    java.util.Locale.ROOT, "2020-02-%02d,%d,%d,%d\n", day, 100 + day % 5, 50 + day % 3, 70 + day % 7));
        }
        String text = rows.toString();
        Files.writeString(prices, text, StandardCharsets.UTF_8);
        assertUserError(
                optaic(
                        "optimize",
                        "--prices",
                        prices.toString(),
                        "--wide",
                        "--method",
                        "hrp",
                        "--out",
                        dir.resolve("./prices.csv").toString()),
                "is the input --prices");
        assertThat(prices).hasContent(text.strip());
    }

    @Test
    void memoryThatRunsOutIsADocumentedExitCodeWithAMessage() {
        Result synthetic = optaic("eval", "--synthetic", "1x100000000", "--expr", "x=close");
        assertThat(synthetic.exitCode()).as(synthetic.err()).isEqualTo(5);
        assertThat(synthetic.err()).contains("needs about 18900 MB").doesNotContain("Exception");

        java.io.StringWriter text = new java.io.StringWriter();
        OutOfMemoryError real;
        try {
            long[] tooMuch = new long[1 << 30]; // 8 GB, twice the test JVM's heap
            tooMuch[0] = 1;
            throw new AssertionError("allocated " + tooMuch.length);
        } catch (OutOfMemoryError e) {
            real = e;
        }
        assertThat(Main.outOfMemory(real, new java.io.PrintWriter(text, true))).isEqualTo(5);
        assertThat(text.toString())
                .startsWith("error: out of memory (Java heap space)")
                .contains("MB maximum heap")
                .contains("-Xmx");
    }

    private static void assertUserError(Result result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void operatorCatalogue() {
        Result list = optaic("ops", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("TS_MEAN(x, d)").contains("time-series").contains("GROUP_NEUTRALIZE(x, g)");
        Result show = optaic("ops", "show", "correlation");
        assertThat(show.out()).contains("TS_CORR(x, y, d)").contains("aliases:   CORRELATION, CORR");
        Result unknown = optaic("ops", "show", "TS_MEEN");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("did you mean TS_MEAN");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
