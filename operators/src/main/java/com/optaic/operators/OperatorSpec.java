package com.optaic.operators;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.kernels.Kernel;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One entry of the operator catalogue: its canonical name, the aliases users of Qlib and of the 101
 * Formulaic Alphas write, signature, kind, lookback, one-line semantics, and either a kernel or an
 * expansion (a built-in macro such as {@code ADV(d) = TS_MEAN(close * volume, d)}).
 */
public record OperatorSpec(
        String name,
        List<String> aliases,
        OperatorKind kind,
        List<Param> params,
        Lookback lookback,
        String semantics,
        Kernel kernel,
        String expansion) {

    public OperatorSpec {
        requireNonNull(name, "name is null");
        aliases = List.copyOf(aliases);
        requireNonNull(kind, "kind is null");
        params = List.copyOf(params);
        requireNonNull(lookback, "lookback is null");
        requireNonNull(semantics, "semantics is null");
        if ((kernel == null) == (expansion == null)) {
            throw new IllegalArgumentException(name + ": exactly one of kernel and expansion must be set");
        }
    }

    public String signature() {
        return name + "(" + params.stream().map(Param::toString).collect(Collectors.joining(", ")) + ")";
    }

    public int minArity() {
        return (int) params.stream().filter(p -> !p.optional()).count();
    }

    public int maxArity() {
        return params.size();
    }
}
