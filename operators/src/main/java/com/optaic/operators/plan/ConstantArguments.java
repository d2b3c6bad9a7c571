package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.OperatorKind;
import com.optaic.operators.OperatorRegistry;
import com.optaic.operators.OperatorSpec;
import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.Param;
import com.optaic.operators.kernels.ElementwiseKernel;
import com.optaic.operators.syntax.Expr;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads the arguments that must be constant numbers (windows and numeric parameters), folding element-wise
 * expressions over constants, and picks the overload that a constant argument selects.
 */
final class ConstantArguments {
    private final OperatorRegistry registry;
    private final BiFunction<Expr, ResolutionScope, PlanNode> resolve;

    /** {@code resolve} resolves an argument in a scope; it is the compiler's own recursion. */
    ConstantArguments(OperatorRegistry registry, BiFunction<Expr, ResolutionScope, PlanNode> resolve) {
        this.registry = requireNonNull(registry, "registry is null");
        this.resolve = requireNonNull(resolve, "resolve is null");
    }

    /** Alpha101 and Qlib overloads: MIN/MAX with a constant window are rolling; RANK with a window is TS_RANK. */
    OperatorSpec overload(OperatorSpec spec, List<Expr> args, ResolutionScope scope) {
        if ((spec.name().equals("MIN") || spec.name().equals("MAX")) && args.size() == 2) {
            Optional<Double> window = value(args.get(1), scope);
            if (window.isPresent() && window.get() >= 1) {
                return registry.canonical(spec.name().equals("MIN") ? "TS_MIN" : "TS_MAX");
            }
        }
        if (spec.name().equals("RANK") && args.size() == 2) {
            return registry.canonical("TS_RANK");
        }
        return spec;
    }

    /** A window in rows: at least 1, except that REF may shift by any number of rows, into the future only in a label. */
    int window(Expr arg, OperatorSpec spec, Param param, Expr.Call call, ResolutionScope scope) {
        double value = number(arg, spec, param, scope);
        if (!Double.isFinite(value)) {
            throw scope.error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    arg.offset(),
                    "window " + param.name() + " of " + spec.name() + " must be a finite number, got " + value);
        }
        int window = (int) Math.floor(value);
        boolean shift = spec.name().equals("REF");
        if (shift) {
            LookbackAnalysis.checkShift(call, value, window, scope);
        }
        if (!shift && window < 1) {
            throw scope.error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    arg.offset(),
                    "window " + param.name() + " of " + spec.name() + " must be at least 1, got "
                            + Param.format(value));
        }
        return window;
    }

    double number(Expr arg, OperatorSpec spec, Param param, ResolutionScope scope) {
        return value(arg, scope)
                .orElseThrow(() -> scope.error(
                        OperatorsErrorCode.BAD_ARGUMENTS,
                        arg.offset(),
                        "argument " + param.name() + " of " + spec.name()
                                + " must be a constant number, not an expression" + " over the panel"));
    }

    /** The value of an argument that folds to a constant, without registering anything else. */
    Optional<Double> value(Expr arg, ResolutionScope scope) {
        if (arg instanceof Expr.Num num) {
            return Optional.of(num.value());
        }
        if (arg instanceof Expr.Field field) {
            PlanNode bound = scope.bound(field.name());
            return bound != null && bound.type() == PlanNode.Type.CONSTANT
                    ? Optional.of(bound.constant())
                    : Optional.empty();
        }
        Expr.Call call = (Expr.Call) arg;
        Optional<OperatorSpec> spec = registry.find(call.name());
        if (spec.isEmpty() || spec.get().kind() != OperatorKind.ELEMENT_WISE) {
            return Optional.empty();
        }
        PlanNode node = resolve.apply(arg, scope);
        return node.type() == PlanNode.Type.CONSTANT ? Optional.of(node.constant()) : Optional.empty();
    }

    /** The value of an element-wise operator over constant inputs. */
    static double fold(ElementwiseKernel kernel, List<PlanNode> inputs) {
        return switch (kernel.arity()) {
            case 1 -> kernel.unary().applyAsDouble(inputs.get(0).constant());
            case 2 ->
                kernel.binary()
                        .applyAsDouble(inputs.get(0).constant(), inputs.get(1).constant());
            default ->
                kernel.ternary()
                        .apply(
                                inputs.get(0).constant(),
                                inputs.get(1).constant(),
                                inputs.get(2).constant());
        };
    }
}
