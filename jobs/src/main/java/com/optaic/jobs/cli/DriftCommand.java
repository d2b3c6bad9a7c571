package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.drift.DriftCalculator;
import com.optaic.engine.drift.DriftReport;
import com.optaic.engine.drift.DriftSettings;
import com.optaic.engine.drift.FeatureDrift;
import com.optaic.engine.drift.ReferenceProfile;
import com.optaic.engine.io.NumericTableReader;
import com.optaic.engine.io.NumericTableReader.NumericTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Compares two tables feature by feature ({@link DriftCalculator}): a stateless check with no store and no
 * Spark, the same statistics a MonitoringRun computes.
 */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Compare a current table with a reference table, feature by feature: PSI, Jensen-Shannon distance,"
                    + " Kolmogorov-Smirnov D and p-value, Wasserstein distance / reference std, out-of-range share,"
                    + " and a drift verdict per feature and for the dataset.",
            "Tables are .csv, .parquet or .arrow files; 'date' and 'asset' are ignored, every other numeric column"
                    + " is a feature (text columns are skipped). Missing values (empty, NaN) are left out.",
            "Example: optaic drift --reference train.parquet --current today.csv --json"
        })
final class DriftCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--reference", paramLabel = "FILE", required = true, description = "The reference table.")
    Path reference;

    @Option(names = "--current", paramLabel = "FILE", required = true, description = "The current table.")
    Path current;

    @Option(
            names = "--features",
            paramLabel = "NAME",
            split = ",",
            description = "Compare only these features (default: every numeric column of the reference).")
    List<String> features;

    @Option(
            names = "--bins",
            paramLabel = "B",
            defaultValue = "10",
            description = "Quantile bins for PSI and JS (default 10).")
    int bins;

    @Option(
            names = "--ks-pvalue",
            paramLabel = "P",
            defaultValue = "0.05",
            description = "Method ks drifts when the p-value is below P (default 0.05).")
    double ksPValue;

    @Option(
            names = "--wasserstein-threshold",
            paramLabel = "W",
            defaultValue = "0.1",
            description = "Method wasserstein drifts when distance / reference std >= W (default 0.1).")
    double wassersteinThreshold;

    @Option(
            names = "--ks-max-reference",
            paramLabel = "N",
            defaultValue = "1000",
            description = "A reference of at most N values uses method ks, a larger one wasserstein (default 1000).")
    int ksMaxReference;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public void run() {
        DriftSettings settings = new DriftSettings(
                bins, ksMaxReference, ksPValue, wassersteinThreshold, DriftSettings.DEFAULTS.datasetDriftShare());
        NumericTable referenceTable = NumericTableReader.read(reference);
        NumericTable currentTable = NumericTableReader.read(current);
        if (referenceTable.rows() == 0) {
            throw new OptaicException(
                    EngineErrorCode.DRIFT_NO_VALUES, "Cannot compare: the reference '" + reference + "' has no rows");
        }
        if (currentTable.rows() == 0) {
            throw new OptaicException(
                    EngineErrorCode.DRIFT_NO_VALUES, "Cannot compare: the current table '" + current + "' has no rows");
        }
        List<String> names =
                features == null ? List.copyOf(referenceTable.columns().keySet()) : features;
        if (names.isEmpty()) {
            throw new OptaicException(
                    EngineErrorCode.DRIFT_NO_FEATURES,
                    "Cannot compare: the reference '" + reference
                            + "' has no numeric column besides date/asset (columns: " + referenceTable.otherColumns()
                            + ")");
        }
        for (String name : names) {
            requireFeature(name, reference, referenceTable);
            requireFeature(name, current, currentTable);
        }
        DriftCalculator calculator = new DriftCalculator(settings);
        List<ReferenceProfile> profiles = new ArrayList<>();
        for (String name : names) {
            profiles.add(ReferenceProfile.of(name, referenceTable.columns().get(name), settings.bins()));
        }
        DriftReport report = calculator.compare(profiles, currentTable.columns());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, toJson(report));
        } else {
            printTable(out, report);
        }
    }

    private static void requireFeature(String name, Path file, NumericTable table) {
        if (table.columns().containsKey(name)) {
            return;
        }
        String why = table.otherColumns().contains(name)
                ? NumericTableReader.KEY_COLUMNS.contains(name) ? "is a key column, never a feature" : "is not numeric"
                : "is not a column (numeric columns: " + table.columns().keySet() + ")";
        throw new OptaicException(
                EngineErrorCode.UNKNOWN_FIELD, "Cannot compare feature '" + name + "': in '" + file + "' it " + why);
    }

    /** The report with the JSON keys of the documented format, in that order. */
    static Map<String, Object> toJson(DriftReport report) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (FeatureDrift f : report.features()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("feature", f.feature());
            row.put("n_reference", f.nReference());
            row.put("n_current", f.nCurrent());
            row.put("null_share_reference", f.nullShareReference());
            row.put("null_share_current", f.nullShareCurrent());
            row.put("psi", f.psi());
            row.put("js", f.js());
            row.put("ks_statistic", f.ksStatistic());
            row.put("ks_pvalue", f.ksPvalue());
            row.put("wasserstein", f.wasserstein());
            row.put("out_of_range_share", f.outOfRangeShare());
            row.put("method", f.method());
            row.put("score", f.score());
            row.put("threshold", f.threshold());
            row.put("drift", f.drift());
            features.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("features", features);
        root.put("n_features", report.nFeatures());
        root.put("n_drifted", report.nDrifted());
        root.put("share_drifted", report.shareDrifted());
        root.put("dataset_drift", report.datasetDrift());
        return root;
    }

    private static void printTable(PrintWriter out, DriftReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (FeatureDrift f : report.features()) {
            rows.add(List.of(
                    f.feature(),
                    Long.toString(f.nReference()),
                    Long.toString(f.nCurrent()),
                    number(f.nullShareCurrent()),
                    number(f.psi()),
                    number(f.js()),
                    number(f.ksStatistic()),
                    number(f.ksPvalue()),
                    number(f.wasserstein()),
                    number(f.outOfRangeShare()),
                    f.method(),
                    f.drift() ? "DRIFT" : "-"));
        }
        Output.table(
                out,
                List.of(
                        "feature",
                        "n_ref",
                        "n_cur",
                        "null_cur",
                        "psi",
                        "js",
                        "ks_d",
                        "ks_p",
                        "wasserstein",
                        "out_of_range",
                        "method",
                        "drift"),
                rows);
        out.printf(
                Locale.ROOT,
                "%d of %d features drifted (%.1f%%): dataset drift %s%n",
                report.nDrifted(),
                report.nFeatures(),
                100 * report.shareDrifted(),
                report.datasetDrift() ? "YES" : "no");
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
