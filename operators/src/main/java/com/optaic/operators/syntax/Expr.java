package com.optaic.operators.syntax;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The syntax tree of an expression, as written: every operator, infix or called, is a {@link Call} whose
 * name is the canonical or alias name the user wrote ({@code ADD} for {@code +}). Names are resolved
 * later by the compiler against the operator registry, the panel's fields and the macros in scope.
 */
public sealed interface Expr {
    /** Character offset of this node in its {@link Source}. */
    int offset();

    record Num(double value, int offset) implements Expr {}

    /** A field name as written, without a leading {@code $}; dotted names such as {@code IndClass.sector} kept whole. */
    record Field(String name, int offset) implements Expr {
        public Field {
            requireNonNull(name, "name is null");
        }
    }

    record Call(String name, List<Expr> args, int offset) implements Expr {
        public Call {
            requireNonNull(name, "name is null");
            args = List.copyOf(args);
        }
    }
}
