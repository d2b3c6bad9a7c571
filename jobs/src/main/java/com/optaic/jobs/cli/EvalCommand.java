package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.DatasetEvaluation;
import com.optaic.engine.eval.DatasetPlan;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.OutputPaths;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
        requireOutputApartFromInputs();
        boolean onSpark = onSpark();
        ExpressionFile expressionsToRun = expressions();
        LocalDate fromDate = DateArgument.parse("--from", from);
        LocalDate toDate = DateArgument.parse("--to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--from " + from + " is after --to " + to);
        }
        DatasetInput dataset = datasetInput();
        if (outDataset != null) {
            runIntoDataset(dataset, expressionsToRun, onSpark, err);
            return;
        }
        if (onSpark) {
            runOnSpark(dataset, expressionsToRun, fromDate, toDate, err);
            return;
        }
        Panel panel = dataset != null ? dataset.read(expressionsToRun, toDate) : loadPanel(expressionsToRun);
        long t1 = System.nanoTime();
        Program program = PanelEvaluation.compile(panel, expressionsToRun);
        PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, fromDate, toDate);
        long t2 = System.nanoTime();
        long rows;
        if (out != null) {
            new PanelWriter()
                    .write(
                            evaluation.panel(),
                            evaluation.rowFrom(),
                            evaluation.rowTo(),
                            new LinkedHashMap<>(evaluation.columns()),
                            out);
            rows = evaluation.panel().presentCount(evaluation.rowFrom(), evaluation.rowTo());
        } else {
            rows = Preview.print(spec.commandLine().getOut(), evaluation, previewRows);
        }
        long t3 = System.nanoTime();
        err.printf(
                Locale.ROOT,
                "%d rows x %d expressions (%d distinct computations, lookback %d rows)%s; "
                        + "read %.2fs, evaluate %.2fs, write %.2fs%n",
                rows,
                program.outputs().size(),
                program.operatorCount(),
                program.lookback(),
                out == null ? "" : " -> " + out,
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                (t3 - t2) / 1e9);
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
        if (input.wide != null) {
            input.wide.forEach((field, path) -> inputs.put("--wide " + field, path));
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
                            + (input.wide != null ? "--wide" : "--synthetic")
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

    private void runOnSpark(
            DatasetInput dataset,
            ExpressionFile expressionsToRun,
            LocalDate fromDate,
            LocalDate toDate,
            PrintWriter err) {
        long t0 = System.nanoTime();
        Set<String> labels = groupFields.labels();
        // Report a bad expression before paying for Spark's start; the evaluator compiles again, the same way.
        if (dataset != null) {
            dataset.compile(expressionsToRun);
        } else {
            new PanelReader(labels).fields(input.data).ifPresent(fields -> {
                Set<String> numeric = new TreeSet<>();
                Set<String> groups = new TreeSet<>();
                fields.forEach((name, isGroup) -> (isGroup ? groups : numeric).add(name));
                ExpressionCompiler.compile(
                        new FieldCatalog(numeric, groups), expressionsToRun.macros(), expressionsToRun.definitions());
            });
        }
        withSpark((spark, masterUrl) -> {
            long t1 = System.nanoTime();
            // Over a dataset version the request's input path is not read: the files come from the manifest.
            SparkEvaluator.Request request = new SparkEvaluator.Request(
                    dataset != null ? Path.of("") : input.data,
                    expressionsToRun,
                    fromDate,
                    toDate,
                    out,
                    labels,
                    blockDates == null ? 0 : blockDates);
            SparkEvaluator evaluator = new SparkEvaluator(spark);
            SparkEvaluator.Result result = dataset != null
                    ? evaluator.evaluate(dataset.root(), dataset.version(), request)
                    : evaluator.evaluate(request);
            Program program = result.program();
            err.printf(
                    Locale.ROOT,
                    "%d rows x %d expressions (%d distinct computations, lookback %d rows) -> %s "
                            + "(%s); spark %s: start %.2fs, plan %.2fs, %d tasks %.2fs, commit %.2fs%n",
                    result.rows(),
                    program.outputs().size(),
                    program.operatorCount(),
                    program.lookback(),
                    result.output(),
                    SparkEvaluator.isSingleFile(out)
                            ? "assembled from " + result.parts().size() + " part files"
                            : result.parts().size() + " part files",
                    masterUrl,
                    (t1 - t0) / 1e9,
                    result.planNanos() / 1e9,
                    result.blocks().size(),
                    result.jobNanos() / 1e9,
                    result.commitNanos() / 1e9);
        });
    }

    /** Evaluates a dataset version into the next version of {@code --out-dataset}, in process or on Spark. */
    private void runIntoDataset(
            DatasetInput dataset, ExpressionFile expressionsToRun, boolean onSpark, PrintWriter err) {
        long t0 = System.nanoTime();
        VersionManifest in = dataset.version();
        VersionCatalog catalog = dataset.catalog();
        if (!onSpark) {
            DatasetEvaluation.Outcome outcome = new DatasetEvaluation(
                            new DatasetReader(dataset.root(), catalog),
                            new DatasetWriter(dataset.root(), catalog),
                            catalog)
                    .run(in.dataset(), in.version(), outDataset, expressionsToRun, rebuild, in.asOf());
            reportVersion(
                    err,
                    in,
                    outcome.output(),
                    outcome.rowsAdded(),
                    outcome.datesAppended(),
                    String.format(
                            Locale.ROOT,
                            "%d dates computed in %.2fs",
                            outcome.datesComputed(),
                            (System.nanoTime() - t0) / 1e9));
            return;
        }
        dataset.compile(expressionsToRun); // before paying for Spark's start
        withSpark((spark, masterUrl) -> {
            SparkEvaluator.DatasetResult result = new SparkEvaluator(spark)
                    .evaluate(new SparkEvaluator.DatasetRequest(
                            dataset.root(),
                            catalog,
                            in.dataset(),
                            in.version(),
                            outDataset,
                            expressionsToRun,
                            rebuild,
                            in.asOf(),
                            blockDates == null ? 0 : blockDates));
            reportVersion(
                    err,
                    in,
                    result.output(),
                    result.rowsAdded(),
                    result.datesAppended(),
                    String.format(
                            Locale.ROOT,
                            "spark %s: %d tasks %.2fs, commit %.2fs",
                            masterUrl,
                            result.blocks().size(),
                            result.jobNanos() / 1e9,
                            result.commitNanos() / 1e9));
        });
    }

    private static void reportVersion(
            PrintWriter err,
            VersionManifest in,
            VersionManifest output,
            long rowsAdded,
            int datesAppended,
            String how) {
        err.printf(
                Locale.ROOT,
                "dataset '%s' version %d -> dataset '%s' version %d: %s (%d rows, %d dates); %s%n",
                in.dataset(),
                in.version(),
                output.dataset(),
                output.version(),
                rowsAdded == 0 ? "up to date, nothing new" : "+" + rowsAdded + " rows",
                output.rows(),
                output.files().stream().mapToInt(DataFile::dates).sum(),
                how + (datesAppended > 0 ? ", " + datesAppended + " dates appended" : ""));
    }

    /** Runs on the Spark master asked for; stops the session afterwards if this command started it. */
    private void withSpark(BiConsumer<SparkSession, String> work) {
        String masterUrl = engine.master();
        SparkSessions.withSession(masterUrl, spark -> {
            work.accept(spark, masterUrl);
            return null;
        });
    }

    /**
     * A dataset version given with --dataset, resolved under a file catalog's storage root, or in the metadata store
     * (its files under the run storage; the catalog then knows that version alone).
     */
    private record DatasetInput(StorageLocation root, VersionCatalog catalog, VersionManifest version) {
        Program compile(ExpressionFile expressions) {
            return ExpressionCompiler.compile(
                    DatasetPlan.catalog(version), expressions.macros(), expressions.definitions());
        }

        /** The dates up to {@code to} (null: all) of the fields the expressions read. */
        Panel read(ExpressionFile expressions, LocalDate to) {
            Program program = compile(expressions);
            Set<String> fields = new TreeSet<>(program.numericInputs());
            fields.addAll(program.groupInputs());
            return new DatasetReader(root, catalog)
                    .read(version, DatasetQuery.all().between(null, to).fields(fields))
                    .panel();
        }
    }

    /** Checks the dataset options against each other; the --dataset version, or null for other inputs. */
    private DatasetInput datasetInput() {
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
            return storeDataset(argument, argument.storeId().get(), OptaicCommand.environment(spec));
        }
        StorageLocation storage = root.location(spec);
        FileVersionCatalog catalog = new FileVersionCatalog(storage);
        return new DatasetInput(storage, catalog, argument.resolve(catalog));
    }

    /** A version of a dataset the metadata store keeps (runs wrote it), read as the acting principal may. */
    private DatasetInput storeDataset(DatasetArgument argument, UUID datasetId, Map<String, String> environment) {
        if (root.given() || outDataset != null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--dataset " + input.dataset + " is a metadata-store dataset: its"
                            + " files are under OPTAIC_STORAGE, so "
                            + (root.given()
                                    ? "--root does not apply"
                                    : "--out-dataset cannot write it (its versions come from runs: use an ExperimentInstance)"));
        }
        try (Optaic optaic = Optaic.open(environment)) {
            Actor actor = optaic.actor();
            DataVersion version = argument.version() != null
                    ? optaic.store().dataVersions().get(actor, datasetId, Math.toIntExact(argument.version()))
                    : StoreDatasets.latest(optaic.store(), actor, datasetId)
                            .orElseThrow(() -> new OptaicException(
                                    JobsErrorCode.UNKNOWN_VERSION, "Dataset " + datasetId + " has no version yet"));
            VersionManifest manifest = StoreDatasets.toEngine(version);
            return new DatasetInput(
                    optaic.storage().datasets(),
                    new StagedCatalog(manifest.dataset(), Optional.of(manifest)),
                    manifest);
        }
    }

    private ExpressionFile expressions() {
        ExpressionFile all = new ExpressionFile();
        for (Path file : expressionFiles) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "Cannot read expression file '" + file + "': no such file");
            } catch (IOException e) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "Cannot read expression file '" + file + "': " + e.getMessage());
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
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "nothing to evaluate: give --expr, --label or --expr-file");
        }
        all.definitions().forEach(d -> {
            if (d.name().equals("date") || d.name().equals("asset")) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "'" + d.name() + "' is a key column; name the expression otherwise");
            }
        });
        return all;
    }

    private Panel loadPanel(ExpressionFile expressionsToRun) {
        PanelReader reader = groupFields.reader();
        if (input.data != null) {
            return PanelEvaluation.readFor(reader, input.data, expressionsToRun);
        }
        if (input.wide != null) {
            return reader.readWide(input.wide);
        }
        SyntheticArgument market = SyntheticArgument.parse(input.synthetic);
        return SyntheticMarket.generate(market.assets(), market.days(), market.seed());
    }
}
