package com.optaic.jobs.cli;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.io.PanelReader;
import com.optaic.engine.spark.SparkEvaluator;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * An {@code eval} on Spark from a long Parquet panel ({@code data}) or a dataset version ({@code dataset}, when not
 * null) into {@code out}: a directory of Parquet part files or one file assembled from them. Options are checked by
 * the command; a bad expression is reported before Spark starts.
 */
record EvalOnSpark(
        Path data,
        EvalDatasetInput dataset,
        ExpressionFile expressions,
        LocalDate from,
        LocalDate to,
        Path out,
        Set<String> labels,
        int blockDates) {

    EvalOnSpark {
        requireNonNull(expressions, "expressions is null");
        requireNonNull(out, "out is null");
        requireNonNull(labels, "labels is null");
    }

    /** Evaluates on the Spark master {@code masterUrl} and reports rows and timings on {@code err}. */
    void run(String masterUrl, PrintWriter err) {
        long t0 = System.nanoTime();
        // Report a bad expression before paying for Spark's start; the evaluator compiles again, the same way.
        if (dataset != null) {
            dataset.compile(expressions);
        } else {
            new PanelReader(labels).fields(data).ifPresent(fields -> {
                Set<String> numeric = new TreeSet<>();
                Set<String> groups = new TreeSet<>();
                fields.forEach((name, isGroup) -> (isGroup ? groups : numeric).add(name));
                ExpressionCompiler.compile(
                        new FieldCatalog(numeric, groups), expressions.macros(), expressions.definitions());
            });
        }
        withSpark(masterUrl, spark -> {
            long t1 = System.nanoTime();
            // Over a dataset version the request's input path is not read: the files come from the manifest.
            SparkEvaluator.Request request = new SparkEvaluator.Request(
                    dataset != null ? Path.of("") : data, expressions, from, to, out, labels, blockDates);
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

    /** Runs on the Spark master {@code masterUrl}; stops the session afterwards if this call started it. */
    static void withSpark(String masterUrl, Consumer<SparkSession> work) {
        SparkSessions.withSession(masterUrl, spark -> {
            work.accept(spark);
            return null;
        });
    }
}
