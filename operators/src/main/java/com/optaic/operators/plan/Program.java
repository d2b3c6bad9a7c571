package com.optaic.operators.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled set of named expressions: the distinct computations in topological order (inputs first)
 * and, per output name, the node that yields it. Immutable.
 */
public record Program(List<PlanNode> nodes, Map<String, PlanNode> outputs) {
    public Program {
        nodes = List.copyOf(nodes);
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** Rows of history the whole program needs before its first valid values. */
    public int lookback() {
        return outputs.values().stream().mapToInt(PlanNode::lookback).max().orElse(0);
    }

    public int lookback(String output) {
        return outputs.get(output).lookback();
    }

    /** Rows of the future read by labels; 0 for features. */
    public int lookahead() {
        return outputs.values().stream().mapToInt(PlanNode::lookahead).max().orElse(0);
    }

    public Set<String> numericInputs() {
        return fields(PlanNode.Type.INPUT);
    }

    public Set<String> groupInputs() {
        return fields(PlanNode.Type.GROUP_INPUT);
    }

    private Set<String> fields(PlanNode.Type type) {
        Set<String> names = new TreeSet<>();
        for (PlanNode node : nodes) {
            if (node.type() == type) {
                names.add(node.field());
            }
        }
        return names;
    }

    public int operatorCount() {
        return (int) nodes.stream().filter(n -> n.type() == PlanNode.Type.OPERATOR).count();
    }
}
