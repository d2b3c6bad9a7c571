package com.optaic.jobs.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a ModelInstance trains: the MLModuleDef's code_ref ({@link MLModules}) and every hyper-parameter, defaults
 * filled in, in the definition's order.
 */
public record ModelSpec(String codeRef, Map<String, Double> params) {
    public ModelSpec {
        requireNonNull(codeRef, "codeRef is null");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public double param(String name) {
        Double value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException(codeRef + " has no hyper-parameter '" + name + "'");
        }
        return value;
    }

    public int intParam(String name) {
        return (int) param(name);
    }
}
