package com.optaic.operators.plan;

import com.optaic.operators.OperatorSpec;
import com.optaic.operators.Param;
import com.optaic.operators.plan.PlanNode.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes one plan node per distinct computation: asking twice for the same field, constant or operator over the
 * same inputs returns the same node. Nodes are numbered in creation order, so inputs always come first.
 */
final class PlanInterner {
    private final Map<String, PlanNode> interned = new HashMap<>();
    private final List<PlanNode> nodes = new ArrayList<>();

    /** Every node made so far, in topological order. */
    List<PlanNode> nodes() {
        return nodes;
    }

    PlanNode constant(double value) {
        return intern(Type.CONSTANT, null, value, null, List.of(), 0, new double[0], 0, 0, Param.format(value));
    }

    PlanNode input(String field) {
        return intern(Type.INPUT, field, 0, null, List.of(), 0, new double[0], 0, 0, field);
    }

    PlanNode groupInput(String field) {
        return intern(Type.GROUP_INPUT, field, 0, null, List.of(), 0, new double[0], 0, 0, field);
    }

    PlanNode operator(
            OperatorSpec spec,
            List<PlanNode> inputs,
            int window,
            double[] params,
            int lookback,
            int lookahead,
            String text) {
        return intern(Type.OPERATOR, null, 0, spec, inputs, window, params, lookback, lookahead, text);
    }

    private PlanNode intern(
            Type type,
            String field,
            double constant,
            OperatorSpec spec,
            List<PlanNode> inputs,
            int window,
            double[] params,
            int lookback,
            int lookahead,
            String text) {
        String identity = switch (type) {
            case INPUT -> "field:" + field;
            case GROUP_INPUT -> "group:" + field;
            case CONSTANT -> "const:" + Double.doubleToLongBits(constant);
            case OPERATOR ->
                spec.name() + "("
                        + inputs.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(",")) + ";"
                        + window + ";" + Arrays.toString(params) + ")";
        };
        PlanNode existing = interned.get(identity);
        if (existing != null) {
            return existing;
        }
        PlanNode node = new PlanNode(
                nodes.size(), type, field, constant, spec, inputs, window, params, lookback, lookahead, text);
        nodes.add(node);
        interned.put(identity, node);
        return node;
    }
}
