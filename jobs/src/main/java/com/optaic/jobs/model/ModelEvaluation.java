package com.optaic.jobs.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's predictions scored against realised labels: per date the IC (Pearson) and rank IC (Spearman, ties
 * given their average rank) across assets, their means and ICIRs (mean / sample standard deviation), and over all
 * rows the MSE and R2 (1 - SS_res / SS_tot). A date with fewer than two rows or a constant prediction or label has
 * no IC and is left out of the means. Golden values: {@code jobs/src/test/resources/model/golden.py} (scipy).
 */
public record ModelEvaluation(
        Map<LocalDate, Double> ic,
        Map<LocalDate, Double> rankIc,
        double icMean,
        double icIr,
        double rankIcMean,
        double rankIcIr,
        double mse,
        double r2,
        long rows) {
    /** One scored row: the date, the model's prediction and the realised label. */
    public record Row(LocalDate date, double prediction, double label) {}

    public static ModelEvaluation of(List<Row> rows) {
        Map<LocalDate, List<Row>> byDate = new TreeMap<>();
        rows.forEach(row ->
                byDate.computeIfAbsent(row.date(), d -> new ArrayList<>()).add(row));
        Map<LocalDate, Double> ic = new TreeMap<>();
        Map<LocalDate, Double> rankIc = new TreeMap<>();
        byDate.forEach((date, group) -> {
            double[] x = group.stream().mapToDouble(Row::prediction).toArray();
            double[] y = group.stream().mapToDouble(Row::label).toArray();
            double pearson = pearson(x, y);
            if (!Double.isNaN(pearson)) {
                ic.put(date, pearson);
                rankIc.put(date, pearson(ranks(x), ranks(y)));
            }
        });
        double labelMean = rows.stream().mapToDouble(Row::label).average().orElse(Double.NaN);
        double residual = 0;
        double total = 0;
        for (Row row : rows) {
            residual += (row.label() - row.prediction()) * (row.label() - row.prediction());
            total += (row.label() - labelMean) * (row.label() - labelMean);
        }
        return new ModelEvaluation(
                Collections.unmodifiableMap(ic),
                Collections.unmodifiableMap(rankIc),
                mean(ic.values()),
                mean(ic.values()) / sampleStd(ic.values()),
                mean(rankIc.values()),
                mean(rankIc.values()) / sampleStd(rankIc.values()),
                rows.isEmpty() ? Double.NaN : residual / rows.size(),
                total == 0 ? Double.NaN : 1 - residual / total,
                rows.size());
    }

    /** Pearson's correlation; NaN with fewer than two values or a constant side. */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks from 1, ties given the average of the ranks they span (scipy's {@code rankdata} "average"). */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double mean(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double sampleStd(Collection<Double> values) {
        if (values.size() < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double sum = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(sum / (values.size() - 1));
    }
}
