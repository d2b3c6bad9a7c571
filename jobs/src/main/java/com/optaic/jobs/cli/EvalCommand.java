package com.optaic.jobs.cli;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.ExpressionFile;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate expressions over a panel and write a long table date,asset,<names>.",
                "Example: optaic eval --wide close=prices.csv --expr 'mom20=close/REF(close,20)-1' --out f.csv"})
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
            description = "Output file: .csv, .parquet or .arrow (Arrow IPC). Without it, a preview is printed.")
    Path out;

    @Option(names = "--group-fields", paramLabel = "NAMES", split = ",",
            description = "CSV columns holding labels rather than numbers (default: sector,industry,subindustry).")
    Set<String> groupFields;

    @Option(names = "--preview-rows", paramLabel = "N", defaultValue = "20", description = "Rows to print without --out.")
    int previewRows;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        ExpressionFile expressionsToRun = expressions();
        LocalDate fromDate = date("--from", from);
        LocalDate toDate = date("--to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new OptaicException(BAD_OPTION, "--from " + from + " is after --to " + to);
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
