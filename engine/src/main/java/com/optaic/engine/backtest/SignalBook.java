package com.optaic.engine.backtest;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A signal on a market's calendar and assets, date-major, with each date's assets ranked once (highest
 * signal first, ties by asset order, NaN left out): every rank-based rule and every sweep combination over the
 * same signal reads the ranking instead of sorting again.
 */
public final class SignalBook implements Serializable {
    private static final long serialVersionUID = 1L;

    final int dates;
    final int assets;
    final double[] values;
    /** Per date t, {@code order[t * assets + k]} is the asset with the k-th highest signal, k < validCount[t]. */
    final int[] order;

    final int[] validCount;

    private SignalBook(MarketData market, double[] dateMajor) {
        this.dates = market.dates;
        this.assets = market.assets;
        this.values = dateMajor;
        this.order = new int[dates * assets];
        this.validCount = new int[dates];
        int[] row = new int[assets];
        int[] scratch = new int[assets];
        for (int t = 0; t < dates; t++) {
            int base = t * assets;
            int valid = 0;
            for (int a = 0; a < assets; a++) {
                double v = dateMajor[base + a];
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    row[valid++] = a;
                }
            }
            IndexSort.descending(row, valid, dateMajor, base, scratch);
            System.arraycopy(row, 0, order, base, valid);
            validCount[t] = valid;
        }
    }

    /**
     * A field of another panel (a signal or weights dataset version) aligned to the market by date and asset
     * name: market cells the panel lacks are NaN (no signal); the panel's other dates and assets are ignored.
     */
    public static SignalBook align(MarketData market, Panel signals, String field) {
        requireNonNull(market, "market is null");
        if (signals.numeric(field).isEmpty()) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_INPUT,
                    "Cannot backtest signal '" + field + "': the signal panel has "
                            + signals.numericFields().keySet());
        }
        double[] source = signals.requireNumeric(field);
        Map<String, Integer> assetIndex = new HashMap<>();
        for (int a = 0; a < market.assets; a++) {
            assetIndex.put(market.assetIds[a], a);
        }
        Map<Integer, Integer> dateIndex = new HashMap<>();
        for (int t = 0; t < market.dates; t++) {
            dateIndex.put(market.epochDays[t], t);
        }
        double[] dateMajor = new double[market.dates * market.assets];
        Arrays.fill(dateMajor, Double.NaN);
        int matched = 0;
        int sourceDates = signals.dateCount();
        for (int sa = 0; sa < signals.assetCount(); sa++) {
            Integer a = assetIndex.get(signals.assets()[sa]);
            if (a == null) {
                continue;
            }
            for (int st = 0; st < sourceDates; st++) {
                Integer t = dateIndex.get(signals.epochDays()[st]);
                if (t != null && signals.presence()[sa * sourceDates + st]) {
                    dateMajor[t * market.assets + a] = source[sa * sourceDates + st];
                    matched++;
                }
            }
        }
        if (matched == 0) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_INPUT,
                    "Cannot backtest signal '" + field + "': it shares no (date, asset) with the price panel");
        }
        return new SignalBook(market, dateMajor);
    }

    /**
     * Evaluates an expression file over a data panel with the in-process evaluator and aligns output
     * {@code name} to the market (the data panel may be the price panel itself).
     */
    public static SignalBook evaluate(MarketData market, Panel data, String expressions, String name) {
        ExpressionFile file = ExpressionFile.parse("signal", expressions);
        Program program = PanelEvaluation.compile(data, file);
        if (!program.outputs().containsKey(name)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_INPUT,
                    "Cannot backtest signal '" + name + "': the expressions define "
                            + program.outputs().keySet());
        }
        PanelEvaluation evaluation = PanelEvaluation.evaluate(data, program, null, null);
        Panel computed = evaluation.panel();
        Panel signalPanel = new Panel(
                computed.epochDays(),
                computed.assets(),
                computed.presence(),
                Map.of(name, evaluation.columns().get(name)),
                Map.of());
        return align(market, signalPanel, name);
    }

    public double value(int t, int asset) {
        return values[t * assets + asset];
    }
}
