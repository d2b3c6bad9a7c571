package com.optaic.operators.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled set of named expressions: the distinct computations in topological order (inputs first)
 * and, per output name, the node that yields it. Immutable.
 *
 * <p><b>Halo.</b> Evaluating a slice of the calendar (a Spark block, an incremental run) starts
 * {@link #halo()} rows before the first wanted row. For windowed operators that is the lookback; the kernels
 * align their blocks to global rows, so those rows then equal a whole-calendar evaluation bit for bit. EMA's
 * memory is infinite, so it counts a warm-up of {@link #emaWarmUp} rows instead of its span: long enough
 * that the weight pandas' {@code ewm(adjust=True)} gives all earlier rows is below {@value #EMA_TRUNCATION}
 * of the newest row's, which moves the mean by about 1e-16 relative. One edge remains: pandas'
 * {@code min_periods} counts observations from the series' start, so an asset with fewer than {@code span}
 * observations inside the warm-up gets NaN where the full history has a value.
 */
public record Program(List<PlanNode> nodes, Map<String, PlanNode> outputs) {
    /** Weight of the history an EMA warm-up drops, relative to the newest row's. */
    public static final double EMA_TRUNCATION = 1e-16;

    public Program {
        nodes = List.copyOf(nodes);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** Rows of history the whole program needs before its first valid values. */
    public int lookback() {
        return outputs.values().stream().mapToInt(PlanNode::lookback).max().orElse(0);
    }

    public int lookback(String output) {
        return outputs.get(output).lookback();
    }

    /** Rows of the future read by labels; 0 for features. */
    public int lookahead() {
        return outputs.values().stream().mapToInt(PlanNode::lookahead).max().orElse(0);
    }

    /** Rows of history to compute before the first wanted row of a slice; see the class comment. */
    public int halo() {
        int[] halo = new int[nodes.size()];
        int max = 0;
        for (PlanNode node : nodes) {
            int inputsHalo = 0;
            int inputsLookback = 0;
            for (PlanNode input : node.inputs()) {
                inputsHalo = Math.max(inputsHalo, halo[input.id()]);
                inputsLookback = Math.max(inputsLookback, input.lookback());
            }
            int own = node.type() != PlanNode.Type.OPERATOR
                    ? 0
                    : isEma(node) ? emaWarmUp(node.window()) : Math.max(0, node.lookback() - inputsLookback);
            halo[node.id()] = (int) Math.min(Integer.MAX_VALUE / 2, (long) inputsHalo + own);
        }
        for (PlanNode output : outputs.values()) {
            max = Math.max(max, halo[output.id()]);
        }
        return max;
    }

    /**
     * Rows of EMA warm-up for a span: the least {@code w >= span - 1} with
     * {@code (1 - alpha)^w <= EMA_TRUNCATION * alpha}, alpha = 2 / (span + 1). Span 10 needs 193 rows,
     * span 20 392, span 60 1,208, span 250 5,210.
     */
    public static int emaWarmUp(int span) {
        if (span <= 1) {
            return 0;
        }
        double alpha = 2.0 / (span + 1.0);
        double rows = Math.ceil(Math.log(EMA_TRUNCATION * alpha) / Math.log1p(-alpha));
        return (int) Math.max(span - 1, Math.min(Integer.MAX_VALUE / 4, rows));
    }

    /** Whether an operator has infinite memory (EMA), so results depend on where the history starts. */
    public boolean hasInfiniteMemory() {
        return nodes.stream().anyMatch(Program::isEma);
    }

    private static boolean isEma(PlanNode node) {
        return node.type() == PlanNode.Type.OPERATOR && node.operator().name().equals("EMA");
    }

    public Set<String> numericInputs() {
        return fields(PlanNode.Type.INPUT);
    }

    public Set<String> groupInputs() {
        return fields(PlanNode.Type.GROUP_INPUT);
    }

    private Set<String> fields(PlanNode.Type type) {
        Set<String> names = new TreeSet<>();
        for (PlanNode node : nodes) {
            if (node.type() == type) {
                names.add(node.field());
            }
        }
        return names;
    }

    public int operatorCount() {
        return (int)
                nodes.stream().filter(n -> n.type() == PlanNode.Type.OPERATOR).count();
    }
}
