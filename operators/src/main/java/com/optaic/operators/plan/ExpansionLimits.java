package com.optaic.operators.plan;

import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.syntax.Expr;

/**
 * Counts the nesting depth and the syntax nodes resolved for one definition, macro expansions included, and
 * refuses the node that passes {@link ExpressionCompiler#MAX_DEPTH} or {@link ExpressionCompiler#MAX_EXPANSION}.
 * Each successful {@link #enter} must be matched by one {@link #exit}.
 */
final class ExpansionLimits {
    private int depth;
    /** Syntax nodes resolved for the current definition, macro expansions included. */
    private int expanded;

    void startDefinition() {
        expanded = 0;
    }

    void enter(Expr expr, ResolutionScope scope) {
        if (++depth > ExpressionCompiler.MAX_DEPTH) {
            depth--;
            throw scope.error(
                    OperatorsErrorCode.EXPRESSION_TOO_DEEP,
                    expr.offset(),
                    "expression " + scope.definition()
                            + " nests deeper than " + ExpressionCompiler.MAX_DEPTH
                            + " levels once its macros are expanded"
                            + through(scope)
                            + "; the limit is " + ExpressionCompiler.MAX_DEPTH);
        }
        if (++expanded > ExpressionCompiler.MAX_EXPANSION) {
            depth--;
            throw scope.error(
                    OperatorsErrorCode.EXPRESSION_TOO_LARGE,
                    expr.offset(),
                    "expression "
                            + scope.definition() + " expands to more than " + ExpressionCompiler.MAX_EXPANSION
                            + " operations once its macros"
                            + " are expanded"
                            + through(scope)
                            + "; the limit is " + ExpressionCompiler.MAX_EXPANSION
                            + ": a macro expands at each use, so one that"
                            + " uses another twice doubles it");
        }
    }

    void exit() {
        depth--;
    }

    private static String through(ResolutionScope scope) {
        return scope.inMacro() ? " (through " + String.join(" -> ", scope.macroStack()) + ")" : "";
    }
}
