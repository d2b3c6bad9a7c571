package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks for what callers send before it reaches SQL. Values are always bound as parameters; these checks only
 * refuse what PostgreSQL cannot store verbatim (NUL characters, unpaired surrogates that have no UTF-8 form) and
 * what is unreasonably large, with a message naming the field.
 */
final class Inputs {
    static final int MAX_NAME_CHARS = 255;
    static final int MAX_TEXT_CHARS = 65_536;
    static final int MAX_JSON_BYTES = 4 * 1024 * 1024;
    static final int MAX_TAGS = 64;

    private Inputs() {}

    /** A resource, principal or token name: 1..255 characters, no control characters, no outer whitespace. */
    static String name(String field, String value) {
        text(field, value, MAX_NAME_CHARS);
        if (value.isEmpty() || value.isBlank()) {
            throw invalid(field + " must not be empty");
        }
        if (!value.strip().equals(value)) {
            throw invalid(field + " must not start or end with whitespace: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(field + " must not contain control characters (found U+"
                        + String.format("%04X", (int) value.charAt(i)) + " at index " + i + ")");
            }
        }
        return value;
    }

    /** Free text up to {@code maxChars}: anything but NUL and unpaired surrogates. */
    static String text(String field, String value, int maxChars) {
        if (value == null) {
            throw invalid(field + " is missing");
        }
        if (value.length() > maxChars) {
            throw invalid(field + " is " + value.length() + " characters long; the limit is " + maxChars);
        }
        checkEncodable(field, value);
        return value;
    }

    static List<String> tags(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw invalid("A resource can carry at most " + MAX_TAGS + " tags, got " + tags.size());
        }
        List<String> checked = new ArrayList<>(new LinkedHashSet<>(tags));
        for (String tag : checked) {
            name("tag", tag);
            if (tag.length() > 64) {
                throw invalid("Tag '" + tag.substring(0, 20) + "...' is longer than 64 characters");
            }
        }
        return checked;
    }

    /** A JSON document: every key and string must be storable, and its text at most 4 MiB. */
    static JsonNode json(String field, JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw invalid(field + " is missing");
        }
        checkJson(field, node, "");
        int bytes = Json.write(node).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_JSON_BYTES) {
            throw invalid(field + " is " + bytes + " bytes of JSON; the limit is " + MAX_JSON_BYTES);
        }
        return node;
    }

    static JsonNode jsonObject(String field, JsonNode node) {
        json(field, node);
        if (!node.isObject()) {
            throw invalid(field + " must be a JSON object, got "
                    + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    private static void checkJson(String field, JsonNode node, String pointer) {
        if (node.isTextual()) {
            checkEncodable(field + " at '" + pointer + "'", node.textValue());
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                checkEncodable(field + " key at '" + pointer + "'", entry.getKey());
                checkJson(field, entry.getValue(), pointer + "/" + entry.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJson(field, node.get(i), pointer + "/" + i);
            }
        } else if (node.isNumber()
                && (node.isDouble() || node.isFloat())
                && (Double.isNaN(node.doubleValue()) || Double.isInfinite(node.doubleValue()))) {
            throw invalid(field + " at '" + pointer + "' is " + node.doubleValue() + ", which JSON cannot hold");
        }
    }

    private static void checkEncodable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw invalid(field + " contains a NUL character at index " + i + ", which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw invalid(field + " is not valid Unicode: unpaired surrogate U+" + String.format("%04X", (int) c)
                        + " at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw invalid(field + " is not valid Unicode: unpaired surrogate U+" + String.format("%04X", (int) c)
                        + " at index " + i);
            }
        }
    }

    static OptaicException invalid(String message) {
        return new OptaicException(MetadataErrorCode.INVALID_INPUT, message);
    }
}
