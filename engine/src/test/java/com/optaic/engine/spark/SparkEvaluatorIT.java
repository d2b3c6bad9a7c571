package com.optaic.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.ExpressionFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation on Spark {@code local[2]} against the in-process evaluator, the witness for every cell. */
class SparkEvaluatorIT {
    private static final Path ALPHAS = Path.of("../../shared/data/alpha101.tsv");
    private static final List<String> BENCHMARK = List.of(
            "ret1 = close/REF(close,1)-1",
            "ma20 = MEAN(close,20)",
            "sd20 = STD(close,20)",
            "z20 = (close-MEAN(close,20))/STD(close,20)",
            "corr10 = CORR(close,volume,10)",
            "rank_delta5 = RANK(DELTA(close,5))",
            "tsrank10 = TS_RANK(volume,10)",
            "intraday = (close-open)/((high-low)+0.001)");

    @TempDir
    Path dir;

    private static SparkEvaluator evaluator() {
        return new SparkEvaluator(TestingSpark.session());
    }

    @Test
    void all101AlphasOnSparkEqualTheInProcessEvaluation() throws IOException {
        Path input = TestingSpark.syntheticParquet(200, 500, 11);
        ExpressionFile alphas = alpha101();
        Panel panel = new PanelReader().read(input);
        PanelEvaluation local = PanelEvaluation.evaluate(panel, PanelEvaluation.compile(panel, alphas), null, null);

        SparkEvaluator.Result result =
                evaluator().evaluate(SparkEvaluator.Request.of(input, alphas, dir.resolve("alphas")));

        assertThat(result.blocks()).hasSizeGreaterThan(3);
        assertThat(result.parts())
                .extracting(BlockResult::partFile)
                .containsExactly(
                        result.blocks().stream().map(DateBlock::partFileName).toArray(String[]::new));
        assertThat(result.rows()).isEqualTo(200 * 500);
        Panel spark = new PanelReader().read(result.output());
        assertThat(spark.numericFields()).hasSize(101);
        assertThat(sameCells(local, spark, 0))
                .as("cells that differ, per alpha")
                .isEmpty();
    }

    @Test
    void emaAgreesWithTheFullHistoryThroughItsWarmUp() {
        Path input = TestingSpark.syntheticParquet(20, 1500, 3);
        ExpressionFile expressions = ExpressionFile.parse(
                "ema",
                String.join(
                        "\n",
                        "e10 = EMA(close, 10)",
                        "e20 = EMA(RANK(volume), 20) - MEAN(close, 5)",
                        "m = MEAN(close, 20)"));
        Panel panel = new PanelReader().read(input);
        PanelEvaluation local =
                PanelEvaluation.evaluate(panel, PanelEvaluation.compile(panel, expressions), null, null);

        SparkEvaluator.Result result = evaluator()
                .evaluate(SparkEvaluator.Request.of(input, expressions, dir.resolve("ema.parquet"))
                        .withBlockDates(300));
        assertThat(result.blocks().get(4).computeFrom()).isEqualTo(1200 - 392); // span 20 warms up over 392 rows
        assertThat(sameCells(local, new PanelReader().read(result.output()), 1e-12))
                .isEmpty();
    }

    @Test
    void aDateRangeComputesItsHaloAndEqualsTheFullRunRowForRow() {
        Path input = TestingSpark.syntheticParquet(200, 500, 11);
        List<String> lines = new ArrayList<>(BENCHMARK);
        lines.add("dl = DECAY_LINEAR(close, 10) / TS_SUM(volume, 15)");
        lines.add("sk = TS_SKEW(returns, 20) + TS_PRODUCT(1 + returns, 6)");
        lines.add("g = IndNeutralize(RANK(CORR(vwap, volume, 12)), IndClass.industry)");
        ExpressionFile expressions = ExpressionFile.parse("range", String.join("\n", lines));
        Panel panel = new PanelReader().read(input);
        PanelEvaluation local =
                PanelEvaluation.evaluate(panel, PanelEvaluation.compile(panel, expressions), null, null);
        LocalDate from = panel.date(300);
        LocalDate to = panel.date(420);

        SparkEvaluator.Result ranged = evaluator()
                .evaluate(SparkEvaluator.Request.of(input, expressions, dir.resolve("range"))
                        .withRange(from, to)
                        .withBlockDates(50));

        assertThat(ranged.blocks()).extracting(DateBlock::outputFrom).containsExactly(300, 350, 400);
        assertThat(ranged.blocks().get(0).computeFrom()).isEqualTo(300 - 19);
        Panel part = new PanelReader().read(ranged.output());
        assertThat(part.dateCount()).isEqualTo(121);
        assertThat(part.date(0)).isEqualTo(from);
        assertThat(part.date(120)).isEqualTo(to);
        List<String> differences = new ArrayList<>();
        for (String name : local.columns().keySet()) {
            double[] full = local.columns().get(name);
            double[] values = part.requireNumeric(name);
            for (int a = 0; a < part.assetCount(); a++) {
                for (int t = 0; t < part.dateCount(); t++) {
                    double expected = full[a * 500 + 300 + t];
                    double actual = values[a * part.dateCount() + t];
                    if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                        differences.add(
                                name + " " + part.assets()[a] + " " + part.date(t) + ": " + actual + " vs " + expected);
                    }
                }
            }
        }
        assertThat(differences).as("range rows that differ from the full run").isEmpty();
    }

    @Test
    void blocksStartingAnywhereGiveTheWholeRunsBits() {
        // Odd windows, so no block start is a multiple of them all: the kernels align to global rows instead.
        Path input = TestingSpark.syntheticParquet(20, 1500, 3);
        ExpressionFile expressions = ExpressionFile.parse(
                "odd",
                String.join(
                        "\n",
                        "x = MEAN(close, 7) + STD(close, 11) + CORR(close, volume, 13) + TS_SUM(volume, 17)",
                        "y = DECAY_LINEAR(TS_SKEW(close, 19), 23) * TS_PRODUCT(1 + returns, 5)"));
        Panel panel = new PanelReader().read(input);
        PanelEvaluation local =
                PanelEvaluation.evaluate(panel, PanelEvaluation.compile(panel, expressions), null, null);
        SparkEvaluator.Result result = evaluator()
                .evaluate(SparkEvaluator.Request.of(input, expressions, dir.resolve("odd"))
                        .withBlockDates(299));
        assertThat(result.blocks()).hasSize(6);
        assertThat(result.blocks().get(1).computeFrom()).isEqualTo(299 - 40);
        assertThat(sameCells(local, new PanelReader().read(result.output()), 0)).isEmpty();
    }

    @Test
    void sparkReadsTheOutputDirectory() throws IOException {
        Path input = TestingSpark.syntheticParquet(200, 500, 11);
        SparkEvaluator.Result result = evaluator()
                .evaluate(SparkEvaluator.Request.of(
                        input,
                        ExpressionFile.parse("bench", String.join("\n", BENCHMARK)),
                        dir.resolve("factors.parquet")));
        assertThat(result.output()).isDirectory();
        assertThat(result.output().resolve(OutputDirectory.SUCCESS_MARKER)).exists();
        Dataset<Row> read =
                TestingSpark.session().read().parquet(result.output().toString());
        assertThat(read.count()).isEqualTo(result.rows()).isEqualTo(100_000);
        assertThat(read.schema().apply("date").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(read.schema().apply("asset").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(read.schema().apply("z20").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(read.where("ma20 IS NULL").count()).isEqualTo(200 * 19); // the first 19 dates of each asset

        // Evaluating again replaces the earlier output.
        SparkEvaluator.Result again = evaluator()
                .evaluate(SparkEvaluator.Request.of(
                                input, ExpressionFile.parse("one", "c = close"), dir.resolve("factors.parquet"))
                        .withRange(null, panelDate(input, 9)));
        assertThat(TestingSpark.session()
                        .read()
                        .parquet(again.output().toString())
                        .count())
                .isEqualTo(2000);
        assertThat(hiddenEntries()).isEmpty();
    }

    @Test
    void readsPanelsThatSparkWroteInOtherEncodingsAndPageLayouts() {
        Path input = TestingSpark.syntheticParquet(200, 500, 11);
        Panel panel = new PanelReader().read(input);
        ExpressionFile expressions = ExpressionFile.parse("bench", String.join("\n", BENCHMARK));
        PanelEvaluation local =
                PanelEvaluation.evaluate(panel, PanelEvaluation.compile(panel, expressions), null, null);
        Dataset<Row> rows =
                TestingSpark.session().read().parquet(input.toString()).orderBy("date", "asset");
        // V1 pages with dictionaries (snappy), and V2 pages without: DELTA-encoded dates and assets, which take
        // parquet's column reader, beside plain doubles, which take the bulk decoder. Small pages and row
        // groups, so a date range prunes both and the pages of different columns do not line up.
        for (String version : List.of("v1", "v2")) {
            Path written = dir.resolve("spark-" + version);
            rows.coalesce(2)
                    .write()
                    .option("parquet.writer.version", version)
                    .option("parquet.enable.dictionary", version.equals("v1") ? "true" : "false")
                    .option("parquet.page.size", "16384")
                    .option("parquet.block.size", String.valueOf(1 << 20))
                    .parquet(written.toString());
            Panel whole = new PanelReader().read(written);
            List<Path> files = PanelReader.parquetFiles(written);
            assertThat(new PanelReader().layout(files).calendar()).isEqualTo(panel.epochDays());
            PanelReader.RangeRead slice = new PanelReader()
                    .readRange(
                            files,
                            LocalDate.ofEpochDay(panel.epochDays()[180]),
                            LocalDate.ofEpochDay(panel.epochDays()[289]),
                            java.util.Optional.of(java.util.Set.of("close", "volume", "open", "industry")));
            assertThat(slice.rowsDecoded()).as(version).isLessThan(100_000 / 2);
            Panel part = slice.panel();
            assertThat(part.epochDays()).isEqualTo(java.util.Arrays.copyOfRange(panel.epochDays(), 180, 290));
            for (String field : List.of("close", "volume", "open")) {
                double[] expected = whole.requireNumeric(field);
                double[] actual = part.requireNumeric(field);
                for (int a = 0; a < 200; a++) {
                    for (int t = 0; t < 110; t++) {
                        assertThat(actual[a * 110 + t])
                                .as(version + " " + field)
                                .isEqualTo(expected[a * 500 + 180 + t]);
                    }
                }
            }
            SparkEvaluator.Result result = evaluator()
                    .evaluate(SparkEvaluator.Request.of(written, expressions, dir.resolve("out-" + version))
                            .withBlockDates(90));
            assertThat(sameCells(local, new PanelReader().read(result.output()), 0))
                    .as(version)
                    .isEmpty();
        }
    }

    @Test
    void anEmptyRangeWritesAnEmptyButReadableOutput() {
        Path input = TestingSpark.syntheticParquet(200, 500, 11);
        SparkEvaluator.Result result = evaluator()
                .evaluate(
                        SparkEvaluator.Request.of(input, ExpressionFile.parse("one", "c = close"), dir.resolve("empty"))
                                .withRange(LocalDate.of(2030, 1, 1), null));
        assertThat(result.rows()).isZero();
        assertThat(TestingSpark.session()
                        .read()
                        .parquet(result.output().toString())
                        .count())
                .isZero();
    }

    @Test
    void aFailingTaskLeavesNoOutput() throws IOException {
        Panel panel = SyntheticMarket.generate(50, 200, 9);
        Path input = Files.createDirectories(dir.resolve("input"));
        new PanelWriter().write(panel.rows(0, 100), input.resolve("part-0.parquet"));
        Path corrupt = input.resolve("part-1.parquet");
        new PanelWriter().write(panel.rows(100, 200), corrupt);
        corruptFirstPage(corrupt, "close");
        Path out = dir.resolve("out");

        assertThatThrownBy(() -> evaluator()
                        .evaluate(SparkEvaluator.Request.of(input, ExpressionFile.parse("x", "x = MEAN(close, 5)"), out)
                                .withBlockDates(40)))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageContaining("part-1.parquet")
                .hasMessageContaining("cannot be decoded");
        assertThat(out).doesNotExist();
        assertThat(hiddenEntries()).isEmpty();

        // A compile error is found before any task runs.
        assertThatThrownBy(() -> evaluator()
                        .evaluate(
                                SparkEvaluator.Request.of(input, ExpressionFile.parse("x", "x = MEAN(clsoe, 5)"), out)))
                .hasMessageContaining("did you mean close?");
        assertThat(out).doesNotExist();
    }

    /** Cells of every output that differ beyond a relative tolerance (0: bit for bit), NaN patterns included. */
    static List<String> sameCells(PanelEvaluation local, Panel spark, double tolerance) {
        assertThat(spark.epochDays()).isEqualTo(local.panel().epochDays());
        assertThat(spark.assets()).isEqualTo(local.panel().assets());
        assertThat(spark.presence()).isEqualTo(local.panel().presence());
        List<String> differences = new ArrayList<>();
        for (String name : local.columns().keySet()) {
            double[] expected = local.columns().get(name);
            double[] actual = spark.requireNumeric(name);
            int nanMismatches = 0;
            int valueMismatches = 0;
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                if (!local.panel().presence()[i]) {
                    continue;
                }
                double e = expected[i];
                double a = actual[i];
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    nanMismatches++;
                } else if (!Double.isNaN(e) && e != a) {
                    double relative = Math.abs(e - a) / Math.max(Math.abs(e), Math.abs(a));
                    worst = Math.max(worst, relative);
                    if (relative > tolerance) {
                        valueMismatches++;
                    }
                }
            }
            if (nanMismatches + valueMismatches > 0) {
                differences.add(name + ": " + nanMismatches + " NaN mismatches, " + valueMismatches
                        + " values differ (worst relative " + worst + ")");
            }
        }
        return differences;
    }

    static ExpressionFile alpha101() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> lines = Files.readAllLines(ALPHAS, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] parts = line.split("\t", 2);
            text.append(String.format("alpha%03d = %s%n", Integer.parseInt(parts[0].strip()), parts[1]));
        }
        ExpressionFile file = ExpressionFile.parse(ALPHAS.toString(), text.toString());
        assertThat(file.definitions()).hasSize(101);
        return file;
    }

    private static LocalDate panelDate(Path input, int row) {
        return LocalDate.ofEpochDay(
                new PanelReader().layout(PanelReader.parquetFiles(input)).calendar()[row]);
    }

    /** Hidden entries left in the temporary directory: staging or replaced outputs that were not cleaned up. */
    private List<String> hiddenEntries() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("."))
                    .toList();
        }
    }

    /** Overwrites the header of a column's first data page with bytes no Thrift decoder accepts. */
    private static void corruptFirstPage(Path file, String column) throws IOException {
        long offset;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            ColumnChunkMetaData chunk = reader.getFooter().getBlocks().get(0).getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals(column))
                    .findFirst()
                    .orElseThrow();
            offset = chunk.getFirstDataPageOffset();
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(offset);
            raw.write(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        }
    }
}
