package com.optaic.jobs.backtest;

import static com.optaic.jobs.backtest.ConfigMembers.bad;
import static com.optaic.jobs.backtest.ConfigMembers.unknownMembers;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.jobs.JobsErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the optional {@code metrics} member into metric conventions, the {@code optaic} preset's by default. */
final class MetricsParser {
    private MetricsParser() {}

    static MetricConventions conventions(JsonNode node) {
        if (node.isMissingNode()) {
            return MetricConventions.defaults(MetricPreset.OPTAIC);
        }
        if (!node.isObject()) {
            throw bad("metrics", "must be an object");
        }
        unknownMembers(
                node, "metrics.", Set.of("preset", "periods_per_year", "risk_free_rate", "ic_horizons", "quantiles"));
        MetricConventions defaults = MetricConventions.defaults(MetricPreset.OPTAIC);
        try {
            MetricPreset preset =
                    node.has("preset") ? MetricPreset.parse(node.get("preset").asText()) : defaults.preset();
            List<Integer> horizons = defaults.icHorizons();
            if (node.has("ic_horizons")) {
                if (!node.get("ic_horizons").isArray()) {
                    throw bad("metrics.ic_horizons", "must be an array of bar counts, e.g. [1, 5, 10]");
                }
                horizons = new ArrayList<>();
                for (JsonNode h : node.get("ic_horizons")) {
                    horizons.add(h.canConvertToInt() ? h.asInt() : 0);
                }
            }
            return new MetricConventions(
                    preset,
                    whole(node, "periods_per_year", defaults.periodsPerYear()),
                    number(node, "risk_free_rate", defaults.riskFreeRate()),
                    horizons,
                    whole(node, "quantiles", defaults.quantiles()));
        } catch (OptaicException e) {
            if (e.getMessage().startsWith("BacktestInstance config")) {
                throw e;
            }
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, "BacktestInstance config 'metrics': " + e.getMessage(), e);
        }
    }

    private static int whole(JsonNode node, String member, int fallback) {
        if (!node.has(member)) {
            return fallback;
        }
        if (!node.get(member).canConvertToInt()) {
            throw bad("metrics." + member, "must be a whole number, got " + node.get(member));
        }
        return node.get(member).asInt();
    }

    private static double number(JsonNode node, String member, double fallback) {
        if (!node.has(member)) {
            return fallback;
        }
        if (!node.get(member).isNumber()) {
            throw bad("metrics." + member, "must be a number, got " + node.get(member));
        }
        return node.get(member).asDouble();
    }
}
