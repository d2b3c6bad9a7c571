package com.optaic.engine.backtest.sweep;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.backtest.BacktestSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter grid: a signal written as an expression file with {@code {name}} placeholders, the values of
 * each placeholder, and the values of any backtest settings ({@link BacktestSpec#parse} keys: n, signal_lag,
 * commission_bps...) over a base configuration. Every combination of every value is one backtest; the signal
 * text of a combination depends only on the placeholder values, so combinations share {@link #signalCount()}
 * distinct signals. Combinations are numbered in a fixed order: signal parameters vary slowest, then settings,
 * each in the order given, values in the order given.
 *
 * @param signalName the expression-file output that is the signal
 */
public record SweepGrid(
        String signalTemplate,
        String signalName,
        Map<String, List<String>> signalParameters,
        Map<String, String> base,
        Map<String, List<String>> settings) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** One backtest of the grid: the index of its signal and its full settings. */
    public record Combination(int index, int signalIndex, Map<String, String> signalValues, Map<String, String> config)
            implements Serializable {
        public Combination {
            signalValues = Map.copyOf(signalValues);
            config = Map.copyOf(config);
        }

        /** Its id in outputs, {@code c00042}. */
        public String id() {
            return String.format(Locale.ROOT, "c%05d", index);
        }
    }

    public SweepGrid {
        requireNonNull(signalTemplate, "signalTemplate is null");
        requireNonNull(signalName, "signalName is null");
        signalParameters = copy(signalParameters, "signal parameter");
        base = Map.copyOf(requireNonNull(base, "base is null"));
        settings = copy(settings, "setting");
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(signalTemplate);
        while (m.find()) {
            used.add(m.group(1));
        }
        if (!used.equals(signalParameters.keySet())) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG,
                    "The signal template uses placeholders " + used + " but the grid gives values for "
                            + signalParameters.keySet());
        }
        for (String key : settings.keySet()) {
            if (base.containsKey(key)) {
                throw new OptaicException(
                        EngineErrorCode.BAD_BACKTEST_CONFIG,
                        "Grid setting '" + key + "' is both fixed in the base and varied");
            }
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> values, String what) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        requireNonNull(values, what + "s are null").forEach((key, list) -> {
            if (list.isEmpty()) {
                throw new OptaicException(
                        EngineErrorCode.BAD_BACKTEST_CONFIG, "Grid " + what + " '" + key + "' has no values");
            }
            out.put(key, List.copyOf(list));
        });
        return Collections.unmodifiableMap(out);
    }

    public int signalCount() {
        return product(signalParameters);
    }

    public int size() {
        return signalCount() * product(settings);
    }

    private static int product(Map<String, List<String>> values) {
        long n = 1;
        for (List<String> list : values.values()) {
            n *= list.size();
            if (n > 10_000_000) {
                throw new OptaicException(
                        EngineErrorCode.BAD_BACKTEST_CONFIG, "The grid has more than 10,000,000" + " combinations");
            }
        }
        return (int) n;
    }

    /** The placeholder values of distinct signal i. */
    public Map<String, String> signalValues(int signalIndex) {
        return pick(signalParameters, signalIndex);
    }

    /** The expression file text of distinct signal i. */
    public String signalText(int signalIndex) {
        Map<String, String> values = signalValues(signalIndex);
        Matcher m = PLACEHOLDER.matcher(signalTemplate);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Every combination, each setting checked with {@link BacktestSpec#parse}, so a bad value fails here,
     * naming its combination, before any work starts.
     */
    public List<Combination> combinations() {
        int perSignal = product(settings);
        List<Combination> out = new ArrayList<>(size());
        for (int s = 0; s < signalCount(); s++) {
            Map<String, String> signalValues = signalValues(s);
            for (int c = 0; c < perSignal; c++) {
                Map<String, String> config = new LinkedHashMap<>(base);
                config.putAll(pick(settings, c));
                int index = s * perSignal + c;
                try {
                    BacktestSpec.parse(config);
                } catch (OptaicException e) {
                    throw new OptaicException(
                            e.code(),
                            "Grid combination " + index + " " + signalValues + " " + pick(settings, c) + ": "
                                    + e.getMessage(),
                            e);
                }
                out.add(new Combination(index, s, signalValues, config));
            }
        }
        return out;
    }

    /** The i-th combination of the values, the first key varying slowest. */
    private static Map<String, String> pick(Map<String, List<String>> values, int index) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(values.keySet());
        int rest = index;
        String[] chosen = new String[keys.size()];
        for (int k = keys.size() - 1; k >= 0; k--) {
            List<String> list = values.get(keys.get(k));
            chosen[k] = list.get(rest % list.size());
            rest /= list.size();
        }
        for (int k = 0; k < keys.size(); k++) {
            out.put(keys.get(k), chosen[k]);
        }
        return out;
    }
}
