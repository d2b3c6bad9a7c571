package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.syntax.Source;

/**
 * A named expression to compute. A label may read the future (a negative REF), a feature may not.
 */
public record Definition(String name, Source source, boolean label) {
    public Definition {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
    }

    public static Definition feature(String name, String expression) {
        return new Definition(name, Source.of(expression), false);
    }
}
