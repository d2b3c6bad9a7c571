package com.optaic.operators;

import static java.util.Objects.requireNonNull;

/**
 * One parameter of an operator.
 *
 * @param defaultValue used when the argument is omitted; null when it is required
 */
public record Param(String name, Type type, Double defaultValue) {
    public enum Type {
        /** Any expression, evaluated over the panel. */
        SERIES,
        /** A constant number of calendar rows; non-integers are floored; at least 1 unless stated. */
        WINDOW,
        /** A constant number. */
        NUMBER,
        /** A group field such as {@code sector} or {@code IndClass.industry}. */
        GROUP
    }

    public Param {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public static Param series(String name) {
        return new Param(name, Type.SERIES, null);
    }

    public static Param window(String name) {
        return new Param(name, Type.WINDOW, null);
    }

    public static Param number(String name, Double defaultValue) {
        return new Param(name, Type.NUMBER, defaultValue);
    }

    public static Param group(String name) {
        return new Param(name, Type.GROUP, null);
    }

    public boolean optional() {
        return defaultValue != null;
    }

    @Override
    public String toString() {
        return defaultValue == null ? name : name + "=" + format(defaultValue);
    }

    public static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
