package com.optaic.jobs.backtest;

import static com.optaic.jobs.backtest.ConfigMembers.bad;
import static com.optaic.jobs.backtest.ConfigMembers.id;
import static com.optaic.jobs.backtest.ConfigMembers.unknownMembers;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.jobs.backtest.BacktestConfig.Output;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Parses the optional {@code outputs} member: a distinct dataset per named output of the run's kind, the first
 * of {@link Output#of} required; empty when the member is left out.
 */
final class OutputsParser {
    private OutputsParser() {}

    static Map<Output, UUID> outputs(JsonNode node, boolean sweep) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        List<Output> kinds = Output.of(sweep);
        if (!node.isObject()) {
            throw bad(
                    "outputs",
                    "must name the datasets to write: {"
                            + kinds.stream()
                                    .map(o -> "\"" + o.label() + "\": \"<dataset id>\"")
                                    .collect(Collectors.joining(", "))
                            + "}, or be left out");
        }
        Set<String> known = kinds.stream().map(Output::label).collect(Collectors.toSet());
        unknownMembers(node, "outputs.", known);
        Map<Output, UUID> outputs = new EnumMap<>(Output.class);
        for (Output output : kinds) {
            if (node.has(output.label())) {
                UUID id = id(node, output.label(), "outputs." + output.label());
                if (outputs.containsValue(id)) {
                    throw bad(
                            "outputs." + output.label(),
                            "names the same dataset as another output; each output " + "needs its own dataset");
                }
                outputs.put(output, id);
            }
        }
        Output required = kinds.get(0);
        if (!outputs.containsKey(required)) {
            throw bad(
                    "outputs." + required.label(),
                    "is required (" + (sweep ? "the metrics of every combination" : "the equity curve and returns")
                            + ")");
        }
        return outputs;
    }
}
