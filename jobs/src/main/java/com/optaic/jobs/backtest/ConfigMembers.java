package com.optaic.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads typed members of a BacktestInstance config; every refusal is a {@link JobsErrorCode#BAD_RUN_CONFIG}
 * that names the member at fault by its dotted path.
 */
final class ConfigMembers {
    private ConfigMembers() {}

    static void unknownMembers(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw bad(
                        prefix + name,
                        "is not a known setting; known: "
                                + known.stream().sorted().map(k -> prefix + k).collect(Collectors.joining(", ")));
            }
        }
    }

    static UUID id(JsonNode node, String member) {
        return id(node, member, member);
    }

    static UUID id(JsonNode node, String member, String path) {
        String text = node.path(member).asText("");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw bad(path, "must be a dataset id, got '" + text + "'");
        }
    }

    static String text(JsonNode node, String path) {
        JsonNode value = node.path(path.substring(path.lastIndexOf('.') + 1));
        if (!value.isTextual() || value.asText().isBlank()) {
            throw bad(path, "must be a non-empty string");
        }
        return value.asText();
    }

    static OptaicException bad(String member, String problem) {
        return new OptaicException(
                JobsErrorCode.BAD_RUN_CONFIG,
                member.isEmpty()
                        ? "BacktestInstance config " + problem
                        : "BacktestInstance config '" + member + "' " + problem);
    }
}
