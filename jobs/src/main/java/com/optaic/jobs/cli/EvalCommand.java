package com.optaic.jobs.cli;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate expressions over a panel and write a long table date,asset,<names>.",
                "Example: optaic eval --wide close=prices.csv --expr 'mom20=close/REF(close,20)-1' --out f.csv",
                "On Spark: optaic eval --engine spark --data panel.parquet --expr-file alphas.expr --out factors.parquet",
                "  (--engine spark reads a Parquet panel and writes a directory of Parquet part files.)"})
final class EvalCommand implements Runnable {
    static final ErrorCode BAD_OPTION = ErrorCode.user("BAD_OPTION");
    private static final Pattern SYNTHETIC = Pattern.compile("(\\d+)x(\\d+)(?::(-?\\d+))?");

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Input (exactly one):%n")
    Input input;

    static final class Input {
        @Option(names = "--data", paramLabel = "PATH",
                description = "Long panel: .csv, .parquet, .arrow or a directory of .parquet files (columns date,asset,<fields>).")
        Path data;

        @Option(names = "--wide", paramLabel = "FIELD=PATH",
                description = "Wide CSV per field (date,<asset1>,<asset2>,...); repeat for more fields.")
        Map<String, Path> wide;

        @Option(names = "--synthetic", paramLabel = "ASSETSxDAYS[:SEED]",
                description = "A seeded synthetic market panel generated in memory, e.g. 500x756:42.")
        String synthetic;
    }

    @Option(names = "--expr", paramLabel = "[NAME=]EXPR", description = "An expression to compute; repeatable.")
    List<String> expressions = new ArrayList<>();

    @Option(names = "--label", paramLabel = "NAME=EXPR",
            description = "A label: an expression allowed to read the future (REF with a negative shift).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--expr-file", paramLabel = "FILE",
            description = "One 'name = expression' per line, 'LABEL name = ...', 'DEF NAME(a,b) = ...' macros, # comments.")
    List<Path> expressionFiles = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "First date to output (yyyy-MM-dd).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last date to output (yyyy-MM-dd).")
    String to;

    @Option(names = "--out", paramLabel = "PATH",
            description = {"Output file: .csv, .parquet or .arrow (Arrow IPC). Without it, a preview is printed.",
                    "With --engine spark: a directory of Parquet part files (a path ending in .parquet is a "
                            + "directory too), created or replaced; required."})
    Path out;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = {"local (default): in this process, on every core.",
                    "spark: one Spark task per block of dates; needs --data with a Parquet panel (a .parquet file or "
                            + "a directory of them) and --out; gives the same numbers as local."})
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark: local[*] (default), local[N], spark://host:port, yarn, k8s://...")
    String master;

    @Option(names = "--block-dates", paramLabel = "N",
            description = "Dates per Spark task for --engine spark (default: about 3 tasks per core).")
    Integer blockDates;

    @Option(names = "--group-fields", paramLabel = "NAMES", split = ",",
            description = "CSV columns holding labels rather than numbers (default: sector,industry,subindustry).")
    Set<String> groupFields;

    @Option(names = "--preview-rows", paramLabel = "N", defaultValue = "20", description = "Rows to print without --out.")
    int previewRows;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        boolean onSpark = onSpark();
        ExpressionFile expressionsToRun = expressions();
        LocalDate fromDate = date("--from", from);
        LocalDate toDate = date("--to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new OptaicException(BAD_OPTION, "--from " + from + " is after --to " + to);
        }
        if (onSpark) {
            runOnSpark(expressionsToRun, fromDate, toDate, err);
            return;
        }
        Panel panel = loadPanel(expressionsToRun);
        long t1 = System.nanoTime();
        Program program = PanelEvaluation.compile(panel, expressionsToRun);
        PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, fromDate, toDate);
        long t2 = System.nanoTime();
        long rows;
        if (out != null) {
            new PanelWriter().write(evaluation.panel(), evaluation.rowFrom(), evaluation.rowTo(),
                    new LinkedHashMap<>(evaluation.columns()), out);
            rows = evaluation.panel().presentCount(evaluation.rowFrom(), evaluation.rowTo());
        } else {
            rows = Preview.print(spec.commandLine().getOut(), evaluation, previewRows);
        }
        long t3 = System.nanoTime();
        err.printf(Locale.ROOT, "%d rows x %d expressions (%d distinct computations, lookback %d rows)%s; "
                        + "read %.2fs, evaluate %.2fs, write %.2fs%n",
                rows, program.outputs().size(), program.operatorCount(), program.lookback(),
                out == null ? "" : " -> " + out, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    /** Checks the engine options against each other and the input; true for --engine spark. */
    private boolean onSpark() {
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new OptaicException(BAD_OPTION, "--engine '" + engine + "' is not an engine; expected local or spark");
        }
        if (engine.equals("local")) {
            if (master != null || blockDates != null) {
                throw new OptaicException(BAD_OPTION, (master != null ? "--master" : "--block-dates")
                        + " applies to --engine spark only");
            }
            return false;
        }
        if (input.data == null) {
            throw new OptaicException(BAD_OPTION, "--engine spark reads a long Parquet panel: give --data with a "
                    + ".parquet file or a directory of .parquet files (" + (input.wide != null ? "--wide" : "--synthetic")
                    + " is read in process only; use --engine local)");
        }
        String dataName = String.valueOf(input.data.getFileName()).toLowerCase(Locale.ROOT);
        if (!Files.exists(input.data)) {
            throw new OptaicException(ErrorCode.user("FILE_NOT_FOUND"), "Cannot read '" + input.data
                    + "': no such file or directory");
        }
        if (!Files.isDirectory(input.data) && !dataName.endsWith(".parquet")) {
            throw new OptaicException(BAD_OPTION, "--engine spark reads Parquet only: --data '" + input.data
                    + "' is not a .parquet file or a directory of .parquet files (use --engine local for CSV and Arrow)");
        }
        if (out == null) {
            throw new OptaicException(BAD_OPTION, "--engine spark writes a directory of Parquet part files: give --out DIR"
                    + " (previews without --out need --engine local)");
        }
        String outName = String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT);
        if (outName.endsWith(".csv") || outName.endsWith(".arrow")) {
            throw new OptaicException(BAD_OPTION, "--engine spark writes a directory of Parquet part files, not a "
                    + outName.substring(outName.lastIndexOf('.')) + " file: give --out a directory (or a path ending in"
                    + " .parquet, which is a directory too)");
        }
        if (Files.isRegularFile(out)) {
            throw new OptaicException(BAD_OPTION, "--engine spark writes a directory of Parquet part files, but --out '"
                    + out + "' is a file; remove it or choose another path");
        }
        if (blockDates != null && blockDates < 1) {
            throw new OptaicException(BAD_OPTION, "--block-dates " + blockDates + " must be at least 1");
        }
        return true;
    }

    private void runOnSpark(ExpressionFile expressionsToRun, LocalDate fromDate, LocalDate toDate, PrintWriter err) {
        long t0 = System.nanoTime();
        Set<String> labels = groupFields == null ? PanelReader.DEFAULT_GROUP_FIELDS : groupFields;
        // Report a bad expression before paying for Spark's start; the evaluator compiles again, the same way.
        new PanelReader(labels).fields(input.data).ifPresent(fields -> {
            Set<String> numeric = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            fields.forEach((name, isGroup) -> (isGroup ? groups : numeric).add(name));
            ExpressionCompiler.compile(new FieldCatalog(numeric, groups), expressionsToRun.macros(),
                    expressionsToRun.definitions());
        });
        String masterUrl = master == null ? "local[*]" : master;
        boolean started = !SparkSessions.isRunning();
        SparkSession spark = SparkSessions.getOrCreate(masterUrl);
        try {
            long t1 = System.nanoTime();
            SparkEvaluator.Request request = new SparkEvaluator.Request(input.data, expressionsToRun, fromDate, toDate,
                    out, labels, blockDates == null ? 0 : blockDates);
            SparkEvaluator.Result result = new SparkEvaluator(spark).evaluate(request);
            Program program = result.program();
            err.printf(Locale.ROOT, "%d rows x %d expressions (%d distinct computations, lookback %d rows) -> %s "
                            + "(%d part files); spark %s: start %.2fs, plan %.2fs, %d tasks %.2fs, commit %.2fs%n",
                    result.rows(), program.outputs().size(), program.operatorCount(), program.lookback(),
                    result.output(), result.parts().size(), masterUrl, (t1 - t0) / 1e9, result.planNanos() / 1e9,
                    result.blocks().size(), result.jobNanos() / 1e9, result.commitNanos() / 1e9);
        } finally {
            if (started) {
                spark.stop();
            }
        }
    }

    private ExpressionFile expressions() {
        ExpressionFile all = new ExpressionFile();
        for (Path file : expressionFiles) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new OptaicException(BAD_OPTION, "Cannot read expression file '" + file + "': no such file");
            } catch (IOException e) {
                throw new OptaicException(BAD_OPTION, "Cannot read expression file '" + file + "': " + e.getMessage());
            }
            all.addAll(ExpressionFile.parse(file.toString(), text));
        }
        for (int i = 0; i < expressions.size(); i++) {
            all.addArgument("--expr #" + (i + 1), expressions.get(i), false);
        }
        for (int i = 0; i < labels.size(); i++) {
            all.addArgument("--label #" + (i + 1), labels.get(i), true);
        }
        if (all.definitions().isEmpty()) {
            throw new OptaicException(BAD_OPTION, "nothing to evaluate: give --expr, --label or --expr-file");
        }
        all.definitions().forEach(d -> {
            if (d.name().equals("date") || d.name().equals("asset")) {
                throw new OptaicException(BAD_OPTION, "'" + d.name() + "' is a key column; name the expression otherwise");
            }
        });
        return all;
    }

    private Panel loadPanel(ExpressionFile expressionsToRun) {
        PanelReader reader = groupFields == null ? new PanelReader() : new PanelReader(groupFields);
        if (input.data != null) {
            return PanelEvaluation.readFor(reader, input.data, expressionsToRun);
        }
        if (input.wide != null) {
            return reader.readWide(input.wide);
        }
        Matcher m = SYNTHETIC.matcher(input.synthetic);
        if (!m.matches()) {
            throw new OptaicException(BAD_OPTION, "--synthetic '" + input.synthetic
                    + "' is not ASSETSxDAYS[:SEED], e.g. 500x756:42");
        }
        int assets = Integer.parseInt(m.group(1));
        int days = Integer.parseInt(m.group(2));
        long seed = m.group(3) == null ? 42 : Long.parseLong(m.group(3));
        if (assets < 1 || days < 1 || (long) assets * days > 200_000_000L) {
            throw new OptaicException(BAD_OPTION, "--synthetic " + input.synthetic
                    + ": need at least 1 asset and 1 day, and at most 200 million cells");
        }
        return SyntheticMarket.generate(assets, days, seed);
    }

    private static LocalDate date(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new OptaicException(BAD_OPTION, option + " '" + value + "' is not a date (expected yyyy-MM-dd)");
        }
    }
}
