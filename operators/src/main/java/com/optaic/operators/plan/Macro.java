package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.syntax.Expr;
import com.optaic.operators.syntax.Source;
import java.util.List;

/**
 * A user-defined, parameterised formula usable like an operator:
 * {@code DEF MOMENTUM(x, n) = x / REF(x, n) - 1}. Its body sees its parameters and the panel's fields.
 */
public record Macro(String name, List<String> params, Expr body, Source source) {
    public Macro {
        requireNonNull(name, "name is null");
        params = List.copyOf(params);
        requireNonNull(body, "body is null");
        requireNonNull(source, "source is null");
    }
}
