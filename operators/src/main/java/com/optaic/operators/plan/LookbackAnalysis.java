package com.optaic.operators.plan;

import com.optaic.operators.OperatorSpec;
import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.Param;
import com.optaic.operators.syntax.Expr;
import com.optaic.operators.syntax.ParseException;
import java.util.List;

/**
 * How many rows of history (lookback) and of future (lookahead) a node reads, saturating so that a huge window
 * cannot wrap around; and the refusals that keep every output but a label from reading the future.
 */
final class LookbackAnalysis {
    private LookbackAnalysis() {}

    /** The deepest lookback of the inputs plus the operator's own over {@code window}. */
    static int lookback(List<PlanNode> inputs, OperatorSpec spec, int window) {
        // Saturating: a window of 1e12 rows is clamped to the panel when evaluated, but must not wrap around here.
        return (int) Math.min(
                Integer.MAX_VALUE / 2,
                inputs.stream().mapToLong(PlanNode::lookback).max().orElse(0)
                        + spec.lookback().rows(window));
    }

    /** The farthest lookahead of the inputs plus the rows a negative window shifts into the future. */
    static int lookahead(List<PlanNode> inputs, int window) {
        return (int) Math.min(
                Integer.MAX_VALUE / 2,
                inputs.stream().mapToLong(PlanNode::lookahead).max().orElse(0) + Math.max(0L, -(long) window));
    }

    /** Refuses a shift by a negative {@code window} (the given {@code value}, floored) outside a label. */
    static void checkShift(Expr.Call call, double value, int window, ResolutionScope scope) {
        if (window < 0 && !scope.label()) {
            throw scope.error(
                    OperatorsErrorCode.FUTURE_READ,
                    call.offset(),
                    call.name() + "(..., " + Param.format(value) + ") reads "
                            + (-window) + " row" + (window == -1 ? "" : "s")
                            + " into the future; only a label may do that"
                            + " (declare it with --label NAME=EXPR, or LABEL in an expression file)");
        }
    }

    /**
     * Refuses a feature whose compiled node reads the future. Every way into the future is refused where it is
     * read; this holds the promise if one is missed.
     */
    static void checkDefinition(Definition definition, PlanNode node) {
        if (!definition.label() && node.lookahead() > 0) {
            throw new ParseException(
                    OperatorsErrorCode.FUTURE_READ,
                    definition.source(),
                    0,
                    "feature " + definition.name() + " reads " + node.lookahead()
                            + " rows into the future; only a label may");
        }
    }
}
