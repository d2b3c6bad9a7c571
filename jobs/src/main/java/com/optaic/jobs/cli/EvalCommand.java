package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.OutputPaths;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.operators.plan.ExpressionFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optaic eval}: its options, their checks against each other, and the choice of an in-process, Spark or
 * dataset-version evaluation, each in its own class.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Evaluate expressions over a panel and write a long table date,asset,<names>.",
            "Example: optaic eval --wide close=prices.csv --expr 'mom20=close/REF(close,20)-1' --out f.csv",
            "On Spark: optaic eval --engine spark --data panel.parquet --expr-file alphas.expr --out factors.parquet",
            "  (--engine spark runs one Spark task per block of dates and gives the same numbers as local; it needs"
                    + " --data with a Parquet panel (a .parquet file or a directory of them) or --dataset, and"
                    + " --out or --out-dataset; it writes a directory of Parquet part files, one .arrow/.csv file,"
                    + " or a dataset version.)",
            "From a dataset, into a dataset: optaic eval --dataset prices@3 --root DIR --expr-file alphas.expr "
                    + "--out-dataset factors"
        })
final class EvalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Input (exactly one):%n")
    Input input;

    static final class Input extends PanelSources {
        @Option(
                names = "--data",
                paramLabel = "PATH",
                description =
                        "Long panel: .csv, .parquet, .arrow or a directory of .parquet files (columns date,asset,<fields>).")
        Path data;

        @Option(
                names = "--dataset",
                paramLabel = "NAME[@VERSION]",
                description = {
                    "A version of a dataset under --root (default: the latest version), e.g. prices@3;",
                    "or of a dataset runs wrote, by its id (optaic dataset list), e.g. 0b6f...@2."
                })
        String dataset;
    }

    @Mixin
    StorageRootOption root;

    @Option(names = "--expr", paramLabel = "[NAME=]EXPR", description = "An expression to compute; repeatable.")
    List<String> expressions = new ArrayList<>();

    @Option(
            names = "--label",
            paramLabel = "NAME=EXPR",
            description = "A label: an expression allowed to read the future (REF with a negative shift).")
    List<String> labels = new ArrayList<>();

    @Option(
            names = "--expr-file",
            paramLabel = "FILE",
            description =
                    "One 'name = expression' per line, 'LABEL name = ...', 'DEF NAME(a,b) = ...' macros, # comments.")
    List<Path> expressionFiles = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "First date to output (yyyy-MM-dd).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last date to output (yyyy-MM-dd).")
    String to;

    @Option(
            names = "--out",
            paramLabel = "PATH",
            description = {
                "Output file: .csv, .parquet or .arrow (Arrow IPC). Without it, a preview is printed.",
                "With --engine spark: a directory of Parquet part files (a path ending in .parquet is a "
                        + "directory too), created or replaced; or one .arrow or .csv file assembled from them."
            })
    Path out;

    @Option(
            names = "--out-dataset",
            paramLabel = "NAME",
            description = {
                "Write the output as the next version of dataset NAME under --root (needs --dataset input):",
                "only the input's dates after the output's last date are computed (plus their lookback) and "
                        + "appended, unless --rebuild."
            })
    String outDataset;

    @Option(names = "--rebuild", description = "With --out-dataset: compute every date and write a full version.")
    boolean rebuild;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--block-dates",
            paramLabel = "N",
            description = "Dates per Spark task for --engine spark (default: about 3 tasks per core; with "
                    + "--out-dataset a task per year, as the in-process writer's files).")
    Integer blockDates;

    @Mixin
    GroupFieldsOption groupFields;

    @Option(
            names = "--preview-rows",
            paramLabel = "N",
            defaultValue = "20",
            description = "Rows to print without --out.")
    int previewRows;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        if (previewRows < 0) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--preview-rows must be 0 or more, got " + previewRows);
        }
        requireOutputApartFromInputs();
        boolean onSpark = onSpark();
        ExpressionFile expressionsToRun = EvalExpressionArguments.read(expressionFiles, expressions, labels);
        LocalDate fromDate = DateArgument.parse("--from", from);
        LocalDate toDate = DateArgument.parse("--to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--from " + from + " is after --to " + to);
        }
        EvalDatasetInput dataset = datasetInput();
        int sparkBlockDates = blockDates == null ? 0 : blockDates;
        if (outDataset != null) {
            EvalIntoDataset intoDataset =
                    new EvalIntoDataset(dataset, expressionsToRun, outDataset, rebuild, sparkBlockDates);
            if (onSpark) {
                intoDataset.onSpark(engine.master(), err);
            } else {
                intoDataset.inProcess(err);
            }
            return;
        }
        if (onSpark) {
            new EvalOnSpark(
                            input.data,
                            dataset,
                            expressionsToRun,
                            fromDate,
                            toDate,
                            out,
                            groupFields.labels(),
                            sparkBlockDates)
                    .run(engine.master(), err);
            return;
        }
        Panel panel = dataset != null ? dataset.read(expressionsToRun, toDate) : loadPanel(expressionsToRun);
        EvalInProcess.run(
                panel,
                expressionsToRun,
                fromDate,
                toDate,
                out,
                previewRows,
                spec.commandLine().getOut(),
                err,
                t0);
    }

    /** Refuses an --out that is, or whose directory holds, an input file: it would be overwritten or replaced. */
    private void requireOutputApartFromInputs() {
        if (out == null) {
            return;
        }
        Map<String, Path> inputs = new LinkedHashMap<>();
        if (input.data != null) {
            inputs.put("--data", input.data);
        }
        if (input.wide() != null) {
            input.wide().forEach((field, path) -> inputs.put("--wide " + field, path));
        }
        for (int i = 0; i < expressionFiles.size(); i++) {
            inputs.put(i == 0 ? "--expr-file" : "--expr-file #" + (i + 1), expressionFiles.get(i));
        }
        OutputPaths.requireApartFromInputs("--out", out, inputs);
    }

    /** Checks the engine options against each other and the input; true for --engine spark. */
    private boolean onSpark() {
        if (!engine.onSpark()) {
            if (blockDates != null) {
                throw new OptaicException(JobsErrorCode.BAD_OPTION, "--block-dates applies to --engine spark only");
            }
            return false;
        }
        if (input.data == null && input.dataset == null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--engine spark reads a long Parquet panel or a dataset: give --data"
                            + " with a .parquet file or a directory of .parquet files, or --dataset ("
                            + (input.wide() != null ? "--wide" : "--synthetic")
                            + " is read in process only; use --engine local)");
        }
        if (input.data != null) {
            String dataName = String.valueOf(input.data.getFileName()).toLowerCase(Locale.ROOT);
            if (!Files.exists(input.data)) {
                throw new OptaicException(
                        EngineErrorCode.FILE_NOT_FOUND, "Cannot read '" + input.data + "': no such file or directory");
            }
            if (!Files.isDirectory(input.data) && !dataName.endsWith(".parquet")) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION,
                        "--engine spark reads Parquet only: --data '" + input.data
                                + "' is not a .parquet file or a directory of .parquet files (use --engine local for CSV and"
                                + " Arrow)");
            }
        }
        if (out == null && outDataset == null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--engine spark writes its output: give --out DIR (Parquet parts),"
                            + " --out FILE.arrow|.csv or --out-dataset NAME (previews without --out need --engine local)");
        }
        if (out != null && !SparkEvaluator.isSingleFile(out) && Files.isRegularFile(out)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--engine spark writes a directory of Parquet part files, but --out '" + out
                            + "' is a file; remove it or choose another path");
        }
        if (blockDates != null && blockDates < 1) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--block-dates " + blockDates + " must be at least 1");
        }
        return true;
    }

    /** Checks the dataset options against each other; the --dataset version, or null for other inputs. */
    private EvalDatasetInput datasetInput() {
        if (input.dataset == null) {
            if (outDataset != null) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION,
                        "--out-dataset evaluates a dataset version: give the input with" + " --dataset NAME[@VERSION]");
            }
            if (root.given()) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "--root applies to --dataset and --out-dataset only");
            }
        }
        if (outDataset != null && (out != null || from != null || to != null)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--out-dataset writes every new date of the input as a version; it" + " takes no "
                            + (out != null ? "--out" : from != null ? "--from" : "--to"));
        }
        if (rebuild && outDataset == null) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--rebuild applies to --out-dataset only");
        }
        if (input.dataset == null) {
            return null;
        }
        DatasetArgument argument = DatasetArgument.parse("--dataset", input.dataset);
        if (argument.storeId().isPresent()) {
            if (root.given() || outDataset != null) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION,
                        "--dataset " + input.dataset + " is a metadata-store dataset: its"
                                + " files are under OPTAIC_STORAGE, so "
                                + (root.given()
                                        ? "--root does not apply"
                                        : "--out-dataset cannot write it (its versions come from runs: use an ExperimentInstance)"));
            }
            return EvalDatasetInput.inStore(argument, argument.storeId().get(), OptaicCommand.environment(spec));
        }
        return EvalDatasetInput.inFileCatalog(root.location(spec), argument);
    }

    private Panel loadPanel(ExpressionFile expressionsToRun) {
        PanelReader reader = groupFields.reader();
        if (input.data != null) {
            return PanelEvaluation.readFor(reader, input.data, expressionsToRun);
        }
        if (input.wide() != null) {
            return reader.readWide(input.wide());
        }
        SyntheticArgument market = SyntheticArgument.parse(input.synthetic);
        return SyntheticMarket.generate(market.assets(), market.days(), market.seed());
    }
}
