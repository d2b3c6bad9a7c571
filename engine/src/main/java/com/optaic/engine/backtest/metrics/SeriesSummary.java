package com.optaic.engine.backtest.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Mean, sample std (ddof 1), their ratio (ICIR for an IC series) and the t-statistic {@code mean/std*sqrt(n)}
 * of the finite values of a per-date series.
 */
public record SeriesSummary(int count, double mean, double std, double ratio, double tStat) {
    public static SeriesSummary of(double[] series) {
        double[] finite = Arrays.stream(series).filter(Double::isFinite).toArray();
        double mean = Moments.mean(finite);
        double std = Moments.std(finite);
        return new SeriesSummary(finite.length, mean, std, mean / std, mean / std * Math.sqrt(finite.length));
    }

    ObjectNode toJson(String ratioName) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("dates", count);
        PerformanceReport.put(json, "mean", mean);
        PerformanceReport.put(json, "std", std);
        PerformanceReport.put(json, ratioName, ratio);
        PerformanceReport.put(json, "t_stat", tStat);
        return json;
    }
}
