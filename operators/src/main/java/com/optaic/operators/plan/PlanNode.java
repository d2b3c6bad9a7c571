package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.OperatorSpec;
import java.util.List;

/**
 * One distinct computation of a {@link Program}. Nodes are interned: two occurrences of the same
 * subexpression (after alias and macro resolution) are the same node, so it is computed once.
 *
 * @param id position in the program's topological order
 * @param field the panel field, for {@link Type#INPUT} and {@link Type#GROUP_INPUT}
 * @param constant the value, for {@link Type#CONSTANT}
 * @param window the window argument of a time-series operator (0 when it has none)
 * @param params the constant number arguments, in parameter order
 * @param lookback calendar rows of history needed before the first valid value
 * @param lookahead calendar rows of the future read (only labels may have any)
 */
public record PlanNode(
        int id,
        Type type,
        String field,
        double constant,
        OperatorSpec operator,
        List<PlanNode> inputs,
        int window,
        double[] params,
        int lookback,
        int lookahead,
        String text) {

    public enum Type {
        INPUT,
        GROUP_INPUT,
        CONSTANT,
        OPERATOR
    }

    public PlanNode {
        requireNonNull(type, "type is null");
        inputs = List.copyOf(inputs);
        params = params.clone();
        requireNonNull(text, "text is null");
    }

    @Override
    public double[] params() {
        return params.clone();
    }

    /** Direct access for the evaluator's hot loop; do not modify. */
    public double[] paramsView() {
        return params;
    }

    @Override
    public String toString() {
        return text;
    }
}
