package com.optaic.jobs.backtest;

import static com.optaic.jobs.backtest.ConfigMembers.bad;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.backtest.BacktestConfig.Grid;
import com.optaic.jobs.backtest.BacktestConfig.Signal;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.syntax.Parser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the optional {@code grid} member into a sweep over the signal expression's {@code {placeholders}} and
 * the backtest settings not fixed in {@code backtest}, checking each value on its own.
 */
final class GridParser {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private GridParser() {}

    /** The names of an expression's {@code {placeholders}}, in order of first use. */
    static Set<String> placeholders(String expression) {
        Set<String> placeholders = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(expression);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        return placeholders;
    }

    /**
     * The sweep's grid: each member an array of values, either a placeholder of the signal expression or a
     * backtest setting not fixed in {@code backtest}. Each value is checked on its own (a setting with the
     * fixed settings, a placeholder by parsing its expansion), so a bad one is named: {@code grid.n[2]}.
     */
    static Optional<Grid> grid(JsonNode node, Signal signal, Map<String, String> base) {
        Set<String> placeholders =
                signal.expression().map(GridParser::placeholders).orElseGet(LinkedHashSet::new);
        if (node.isMissingNode() || node.isNull()) {
            if (!placeholders.isEmpty()) {
                throw bad("signal.expression", "uses placeholders " + placeholders + "; give their values in 'grid'");
            }
            return Optional.empty();
        }
        if (!node.isObject() || node.isEmpty()) {
            throw bad("grid", "must be an object of value arrays, e.g. {\"n\": [5, 10], \"signal_lag\": [1, 2]}");
        }
        Map<String, List<String>> signalParameters = new LinkedHashMap<>();
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = member.getKey();
            boolean placeholder = placeholders.contains(key);
            if (!placeholder && !BacktestSpec.DEFAULTS.containsKey(key)) {
                throw bad(
                        "grid." + key,
                        "is neither a placeholder of signal.expression " + placeholders
                                + " nor a backtest setting; settings: "
                                + new TreeSet<>(BacktestSpec.DEFAULTS.keySet()));
            }
            if (base.containsKey(key)) {
                throw bad("grid." + key, "is also fixed in 'backtest'; keep one of the two");
            }
            if (!member.getValue().isArray() || member.getValue().isEmpty()) {
                throw bad("grid." + key, "must be a non-empty array of values, got " + member.getValue());
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : member.getValue()) {
                String where = "grid." + key + "[" + values.size() + "]";
                if (!value.isValueNode() || value.isNull()) {
                    throw bad(where, "must be a number, word or boolean, got " + value);
                }
                values.add(value.asText());
            }
            if (values.stream().distinct().count() != values.size()) {
                throw bad("grid." + key, "repeats a value: " + values);
            }
            (placeholder ? signalParameters : settings).put(key, values);
        }
        for (String p : placeholders) {
            if (!signalParameters.containsKey(p)) {
                throw bad("grid", "gives no values for placeholder {" + p + "} of signal.expression");
            }
        }
        settings.forEach((key, values) -> {
            for (int i = 0; i < values.size(); i++) {
                Map<String, String> one = new LinkedHashMap<>(base);
                one.put(key, values.get(i));
                try {
                    BacktestSpec.parse(one);
                } catch (OptaicException e) {
                    if (!validWithAnotherGridValue(one, key, settings)) {
                        throw new OptaicException(
                                JobsErrorCode.BAD_RUN_CONFIG,
                                "BacktestInstance config 'grid." + key + "[" + i + "]' " + e.getMessage(),
                                e);
                    }
                }
            }
        });
        String template = signal.expression().map(e -> "signal = " + e).orElse("");
        signalParameters.forEach((key, values) -> {
            for (int i = 0; i < values.size(); i++) {
                String expansion = template.replace("{" + key + "}", values.get(i));
                for (Map.Entry<String, List<String>> other : signalParameters.entrySet()) {
                    expansion = expansion.replace(
                            "{" + other.getKey() + "}", other.getValue().get(0));
                }
                try {
                    new ExpressionFile()
                            .addArgument("signal.expression", expansion, false)
                            .definitions()
                            .forEach(d -> Parser.parse(d.source()));
                } catch (OptaicException e) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG,
                            "BacktestInstance config 'grid." + key + "["
                                    + i + "]' gives the expression '" + expansion.substring("signal = ".length())
                                    + "': "
                                    + e.getMessage(),
                            e);
                }
            }
        });
        return Optional.of(new Grid(template, signalParameters, base, settings));
    }

    /**
     * Whether a setting refused with the fixed ones is accepted beside some value of another grid setting
     * ({@code signal_lag: 0} with {@code allow_same_bar: true}); the combinations that still clash are refused
     * when the run resolves, naming the combination.
     */
    private static boolean validWithAnotherGridValue(
            Map<String, String> one, String key, Map<String, List<String>> settings) {
        for (Map.Entry<String, List<String>> other : settings.entrySet()) {
            if (other.getKey().equals(key)) {
                continue;
            }
            for (String value : other.getValue()) {
                Map<String, String> two = new LinkedHashMap<>(one);
                two.put(other.getKey(), value);
                try {
                    BacktestSpec.parse(two);
                    return true;
                } catch (OptaicException e) {
                    // try the next value
                }
            }
        }
        return false;
    }
}
