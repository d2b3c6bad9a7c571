package com.optaic.jobs.cli;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.DatasetEvaluation;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.operators.plan.ExpressionFile;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * An {@code eval} of a dataset version into the next version of dataset {@code outDataset}, in process or on Spark:
 * only the dates after the output's last date are computed and appended, unless {@code rebuild}.
 */
record EvalIntoDataset(
        EvalDatasetInput dataset, ExpressionFile expressions, String outDataset, boolean rebuild, int blockDates) {

    EvalIntoDataset {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(expressions, "expressions is null");
        requireNonNull(outDataset, "outDataset is null");
    }

    /** Evaluates in this process and reports the new version on {@code err}. */
    void inProcess(PrintWriter err) {
        long t0 = System.nanoTime();
        VersionManifest in = dataset.version();
        VersionCatalog catalog = dataset.catalog();
        DatasetEvaluation.Outcome outcome = new DatasetEvaluation(
                        new DatasetReader(dataset.root(), catalog), new DatasetWriter(dataset.root(), catalog), catalog)
                .run(in.dataset(), in.version(), outDataset, expressions, rebuild, in.asOf());
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
    }

    /** Evaluates on the Spark master {@code masterUrl} and reports the new version on {@code err}. */
    void onSpark(String masterUrl, PrintWriter err) {
        VersionManifest in = dataset.version();
        dataset.compile(expressions); // before paying for Spark's start
        EvalOnSpark.withSpark(masterUrl, spark -> {
            SparkEvaluator.DatasetResult result = new SparkEvaluator(spark)
                    .evaluate(new SparkEvaluator.DatasetRequest(
                            dataset.root(),
                            dataset.catalog(),
                            in.dataset(),
                            in.version(),
                            outDataset,
                            expressions,
                            rebuild,
                            in.asOf(),
                            blockDates));
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
}
