package com.optaic.metadata.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataJson;
import java.util.Optional;

/** JSON to and from the text the database stores in jsonb columns. */
final class Json {
    static final ObjectMapper MAPPER = MetadataJson.mapper();

    private Json() {}

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_STORE_INTERNAL,
                    "Cannot serialise " + value.getClass().getName(),
                    e);
        }
    }

    static JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_STORE_INTERNAL, "The database returned invalid JSON", e);
        }
    }

    static Optional<JsonNode> readOptional(String text) {
        return Optional.ofNullable(read(text));
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_STORE_INTERNAL, "Cannot read stored " + type.getSimpleName(), e);
        }
    }

    static JsonNode tree(Object value) {
        return value == null ? null : MAPPER.valueToTree(value);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
