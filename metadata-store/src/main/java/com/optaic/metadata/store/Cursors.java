package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.metadata.PageRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
final class Cursors {
    private Cursors() {}

    /** A cursor after the row with this name and id (pages ordered by name, id). */
    static String byName(String name, UUID id) {
        ObjectNode node = Json.object().put("n", name).put("i", id.toString());
        return encode(node);
    }

    record NameKey(String name, UUID id) {}

    static Optional<NameKey> nameKey(PageRequest page) {
        return page.cursor().map(cursor -> {
            JsonNode node = decode(cursor);
            if (!node.path("n").isTextual() || !node.path("i").isTextual()) {
                throw invalid(cursor);
            }
            return new NameKey(
                    node.get("n").textValue(), parseUuid(node.get("i").textValue(), cursor));
        });
    }

    /** A cursor after the row with this time and id (pages ordered by time, id, descending). */
    static String byTime(Instant time, UUID id) {
        return encode(Json.object().put("t", time.toString()).put("i", id.toString()));
    }

    record TimeKey(Instant time, UUID id) {}

    static Optional<TimeKey> timeKey(PageRequest page) {
        return page.cursor().map(cursor -> {
            JsonNode node = decode(cursor);
            if (!node.path("t").isTextual() || !node.path("i").isTextual()) {
                throw invalid(cursor);
            }
            try {
                return new TimeKey(
                        Instant.parse(node.get("t").textValue()),
                        parseUuid(node.get("i").textValue(), cursor));
            } catch (DateTimeParseException e) {
                throw invalid(cursor);
            }
        });
    }

    /** A cursor after the row with this numeric key (pages ordered by that key, descending). */
    static String byLong(long key) {
        return encode(Json.object().put("k", key));
    }

    static Optional<Long> longKey(PageRequest page) {
        return page.cursor().map(cursor -> {
            JsonNode node = decode(cursor);
            if (!node.path("k").canConvertToLong()) {
                throw invalid(cursor);
            }
            return node.get("k").longValue();
        });
    }

    private static String encode(JsonNode node) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode decode(String cursor) {
        try {
            JsonNode node =
                    Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw invalid(cursor);
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid(cursor);
        }
    }

    private static UUID parseUuid(String text, String cursor) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
    }

    private static RuntimeException invalid(String cursor) {
        String shown = cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor;
        return Inputs.invalid("Invalid page cursor '" + shown + "': pass back the nextCursor of the previous page");
    }
}
