package com.optaic.jobs.experiment;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.operators.plan.ExpressionFile;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates an experiment's expressions over its input dataset version and stages the results as a rebuilt version
 * of its output dataset. The in-process engine is {@link LocalExperimentEngine}, the Spark one
 * {@link SparkExperimentEngine}; every engine must give identical values (bit for bit) and stop with
 * {@code RUN_CANCELLED} when the run is cancelled.
 */
public interface ExperimentEngine {
    /** A short name for messages; the run records the name of the {@link com.optaic.jobs.engines.RunEngine} it chose. */
    String name();

    /**
     * What to evaluate.
     *
     * @param datasets the storage root of the input and output datasets
     * @param input the input version, whose files are under {@code datasets}
     * @param from first date to output, null for the input's first
     * @param to last date to output, null for the input's last
     * @param output the output dataset's catalog, which knows the input version and stages the new output version
     */
    record Evaluation(
            StorageLocation datasets,
            VersionManifest input,
            ExpressionFile expressions,
            LocalDate from,
            LocalDate to,
            String outputName,
            StagedCatalog output) {
        public Evaluation {
            requireNonNull(datasets, "datasets is null");
            requireNonNull(input, "input is null");
            requireNonNull(expressions, "expressions is null");
            requireNonNull(outputName, "outputName is null");
            requireNonNull(output, "output is null");
        }

        /** The output version's as-of date: the last output date the input can have. */
        public LocalDate asOf() {
            return to == null || to.isAfter(input.maxDate()) ? input.maxDate() : to;
        }
    }

    /**
     * What an evaluation staged.
     *
     * @param manifest the output version, one row per present input cell in range, one numeric field per expression
     * @param coverage per output field, the share of its cells with a finite value (4 decimals)
     * @param facts what the run should record about where it executed (e.g. {@code spark_application_id})
     */
    record Result(VersionManifest manifest, Map<String, Double> coverage, Map<String, String> facts) {
        public Result {
            requireNonNull(manifest, "manifest is null");
            coverage = Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
            facts = Map.copyOf(facts);
        }
    }

    /**
     * Evaluates and stages the output version in {@code evaluation.output()}.
     *
     * @throws com.optaic.common.OptaicException {@code NO_ROWS} when the input has no row in the range,
     *         {@code RUN_CANCELLED} when {@code cancellation} is cancelled
     */
    Result evaluate(Evaluation evaluation, CancellationToken cancellation);

    /** Per numeric field of {@code results}, the share of present cells with a finite value, rounded to 4 decimals. */
    static Map<String, Double> coverage(Panel results) {
        Map<String, Long> finiteValues = new LinkedHashMap<>();
        boolean[] mask = results.presence();
        for (Map.Entry<String, double[]> field : results.numericFields().entrySet()) {
            long finite = 0;
            double[] values = field.getValue();
            for (int i = 0; i < values.length; i++) {
                if (mask[i] && Double.isFinite(values[i])) {
                    finite++;
                }
            }
            finiteValues.put(field.getKey(), finite);
        }
        return coverage(finiteValues, results.presentCount());
    }

    /** Per field, {@code finite / rows} rounded to 4 decimals. */
    static Map<String, Double> coverage(Map<String, Long> finiteValues, long rows) {
        Map<String, Double> coverage = new LinkedHashMap<>();
        finiteValues.forEach((name, finite) -> coverage.put(name, Math.round(1e4 * finite / (double) rows) / 1e4));
        return coverage;
    }
}
