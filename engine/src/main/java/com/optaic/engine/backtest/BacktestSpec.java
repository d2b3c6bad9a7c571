package com.optaic.engine.backtest;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.backtest.PortfolioRule.Side;
import com.optaic.engine.backtest.cost.CostModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a backtest needs besides its data: the portfolio rule and side, the execution timing, the
 * rebalancing schedule, costs, constraints and the initial capital. Shares are fractional (no lot rounding).
 * {@link #parse} reads the flat key/value form a BacktestInstance stores and a sweep grid varies;
 * {@link #toConfig} writes it back, so a run records exactly what it used.
 */
public record BacktestSpec(
        PortfolioRule rule,
        Side side,
        ExecutionTiming timing,
        Rebalance rebalance,
        CostModel costs,
        Constraints constraints,
        double initialCapital) {
    /** The keys {@link #parse} accepts, with their defaults. */
    public static final Map<String, String> DEFAULTS = defaults();

    public BacktestSpec {
        requireNonNull(rule, "rule is null");
        requireNonNull(side, "side is null");
        requireNonNull(timing, "timing is null");
        requireNonNull(rebalance, "rebalance is null");
        requireNonNull(costs, "costs is null");
        requireNonNull(constraints, "constraints is null");
        if (!(initialCapital > 0) || Double.isInfinite(initialCapital)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG,
                    "initial_capital must be a positive finite amount, got " + initialCapital);
        }
    }

    /** Long-short top/bottom N, daily, default timing, no costs or constraints, capital 1,000,000. */
    public static BacktestSpec of(PortfolioRule rule, Side side) {
        return new BacktestSpec(
                rule, side, ExecutionTiming.DEFAULT, Rebalance.DAILY, CostModel.FREE, Constraints.NONE, 1e6);
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("rule", "top_bottom");
        d.put("n", "10");
        d.put("quantiles", "5");
        d.put("side", "long_short");
        d.put("signal_lag", "1");
        d.put("fill_price", "next_close");
        d.put("allow_same_bar", "false");
        d.put("rebalance", "daily");
        d.put("rebalance_day", "first");
        d.put("commission_bps", "0");
        d.put("fixed_per_order", "0");
        d.put("half_spread_bps", "0");
        d.put("impact_k", "0");
        d.put("impact_exponent", "0.5");
        d.put("participation_cap", "none");
        d.put("borrow_bps", "0");
        d.put("max_weight", "none");
        d.put("max_gross", "none");
        d.put("max_net", "none");
        d.put("max_names", "none");
        d.put("max_turnover", "none");
        d.put("initial_capital", "1000000");
        return Map.copyOf(d);
    }

    /**
     * Reads the flat form, every key optional (see {@link #DEFAULTS}): {@code rule} top_bottom (with {@code n}) |
     * quantiles (with {@code quantiles}) | proportional | weights; {@code side} long_only | long_short |
     * dollar_neutral; {@code signal_lag}; {@code fill_price} next_open | next_close | vwap; {@code allow_same_bar};
     * {@code rebalance} daily | weekly | monthly | on_change with {@code rebalance_day} first | last; the cost
     * and constraint keys of {@link CostModel} and {@link Constraints} ("none" for no limit); {@code initial_capital}.
     */
    public static BacktestSpec parse(Map<String, String> config) {
        requireNonNull(config, "config is null");
        for (String key : config.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new OptaicException(
                        EngineErrorCode.BAD_BACKTEST_CONFIG,
                        "Unknown backtest setting '" + key + "'; known settings are "
                                + new TreeMap<>(DEFAULTS).keySet());
            }
        }
        Map<String, String> c = new LinkedHashMap<>(DEFAULTS);
        c.putAll(config);
        String ruleName = word(c, "rule", List.of("top_bottom", "quantiles", "proportional", "weights"));
        PortfolioRule rule = switch (ruleName) {
            case "top_bottom" -> PortfolioRule.topBottom(whole(c, "n", 1));
            case "quantiles" -> PortfolioRule.quantiles(whole(c, "quantiles", 2));
            case "proportional" -> PortfolioRule.proportional();
            default -> PortfolioRule.weights();
        };
        Side side = Side.valueOf(word(c, "side", List.of("long_only", "long_short", "dollar_neutral"))
                .toUpperCase(Locale.ROOT));
        ExecutionTiming timing = new ExecutionTiming(
                whole(c, "signal_lag", 0),
                ExecutionTiming.FillPrice.valueOf(word(c, "fill_price", List.of("next_open", "next_close", "vwap"))
                        .toUpperCase(Locale.ROOT)),
                Boolean.parseBoolean(word(c, "allow_same_bar", List.of("true", "false"))));
        Rebalance rebalance = new Rebalance(
                Rebalance.Frequency.valueOf(word(c, "rebalance", List.of("daily", "weekly", "monthly", "on_change"))
                        .toUpperCase(Locale.ROOT)),
                Rebalance.Anchor.valueOf(
                        word(c, "rebalance_day", List.of("first", "last")).toUpperCase(Locale.ROOT)));
        CostModel costs = new CostModel(
                number(c, "commission_bps"),
                number(c, "fixed_per_order"),
                number(c, "half_spread_bps"),
                number(c, "impact_k"),
                number(c, "impact_exponent"),
                limit(c, "participation_cap"),
                number(c, "borrow_bps"));
        String maxNames = c.get("max_names").trim();
        Constraints constraints = new Constraints(
                limit(c, "max_weight"),
                limit(c, "max_gross"),
                limit(c, "max_net"),
                maxNames.equals("none") ? 0 : whole(c, "max_names", 1),
                limit(c, "max_turnover"));
        return new BacktestSpec(rule, side, timing, rebalance, costs, constraints, number(c, "initial_capital"));
    }

    /** The flat form of this spec, every key present: {@code parse(toConfig())} equals this spec. */
    public Map<String, String> toConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("rule", rule.kind().name().toLowerCase(Locale.ROOT));
        c.put("n", rule.kind() == PortfolioRule.Kind.TOP_BOTTOM ? Integer.toString(rule.count()) : DEFAULTS.get("n"));
        c.put(
                "quantiles",
                rule.kind() == PortfolioRule.Kind.QUANTILES
                        ? Integer.toString(rule.count())
                        : DEFAULTS.get("quantiles"));
        c.put("side", side.name().toLowerCase(Locale.ROOT));
        c.put("signal_lag", Integer.toString(timing.signalLag()));
        c.put("fill_price", timing.fillPrice().name().toLowerCase(Locale.ROOT));
        c.put("allow_same_bar", Boolean.toString(timing.allowSameBar()));
        c.put("rebalance", rebalance.frequency().name().toLowerCase(Locale.ROOT));
        c.put("rebalance_day", rebalance.anchor().name().toLowerCase(Locale.ROOT));
        c.put("commission_bps", text(costs.commissionBps()));
        c.put("fixed_per_order", text(costs.fixedPerOrder()));
        c.put("half_spread_bps", text(costs.halfSpreadBps()));
        c.put("impact_k", text(costs.impactK()));
        c.put("impact_exponent", text(costs.impactExponent()));
        c.put("participation_cap", text(costs.participationCap()));
        c.put("borrow_bps", text(costs.borrowBps()));
        c.put("max_weight", text(constraints.maxWeight()));
        c.put("max_gross", text(constraints.maxGross()));
        c.put("max_net", text(constraints.maxNet()));
        c.put("max_names", constraints.maxNames() == 0 ? "none" : Integer.toString(constraints.maxNames()));
        c.put("max_turnover", text(constraints.maxTurnover()));
        c.put("initial_capital", text(initialCapital));
        return c;
    }

    private static String text(double value) {
        return value == Double.POSITIVE_INFINITY ? "none" : Double.toString(value);
    }

    private static String word(Map<String, String> c, String key, List<String> allowed) {
        String value = c.get(key).trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG,
                    "Backtest setting " + key + "='" + c.get(key) + "' is not one of " + allowed);
        }
        return value;
    }

    private static int whole(Map<String, String> c, String key, int min) {
        try {
            int value = Integer.parseInt(c.get(key).trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OptaicException(
                EngineErrorCode.BAD_BACKTEST_CONFIG,
                "Backtest setting " + key + "='" + c.get(key) + "' must be a whole number >= " + min);
    }

    private static double number(Map<String, String> c, String key) {
        try {
            return Double.parseDouble(c.get(key).trim());
        } catch (NumberFormatException e) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG,
                    "Backtest setting " + key + "='" + c.get(key) + "' is not a number");
        }
    }

    private static double limit(Map<String, String> c, String key) {
        return c.get(key).trim().equalsIgnoreCase("none") ? Double.POSITIVE_INFINITY : number(c, key);
    }
}
