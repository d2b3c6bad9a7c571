package com.optaic.metadata.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.metadata.MetadataErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates JSON against the subset of JSON Schema (draft 2020-12 keywords) that plugin config schemas use:
 * type, enum, const, numeric and length bounds, pattern, properties, required, additionalProperties,
 * min/maxProperties, items, min/maxItems, uniqueItems, allOf, anyOf, oneOf and not. Annotations (title,
 * description, default, examples, format, ...) are accepted and ignored. A schema using anything else, such as
 * {@code $ref}, is refused when the definition is submitted rather than silently half-checked.
 */
final class JsonSchemaValidator {
    private static final Set<String> KEYWORDS = Set.of(
            "type",
            "enum",
            "const",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "pattern",
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "items",
            "minItems",
            "maxItems",
            "uniqueItems",
            "allOf",
            "anyOf",
            "oneOf",
            "not");
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$id",
            "$comment",
            "title",
            "description",
            "default",
            "examples",
            "format",
            "deprecated",
            "readOnly",
            "writeOnly");
    private static final Set<String> TYPES =
            Set.of("null", "boolean", "object", "array", "number", "integer", "string");
    private static final int MAX_ERRORS = 20;

    private JsonSchemaValidator() {}

    /** Refuses a schema this validator cannot fully enforce, naming the offending keyword and where it is. */
    static void checkSchema(JsonNode schema) {
        checkSchema(schema, "#");
    }

    private static void checkSchema(JsonNode schema, String at) {
        if (schema.isBoolean()) {
            return;
        }
        if (!schema.isObject()) {
            throw invalid(at, "a schema must be an object or a boolean");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = schema.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String here = at + "/" + key;
            if (ANNOTATIONS.contains(key)) {
                continue;
            }
            if (!KEYWORDS.contains(key)) {
                throw invalid(
                        here,
                        "unsupported keyword '" + key + "'; supported: "
                                + String.join(", ", KEYWORDS.stream().sorted().toList()));
            }
            switch (key) {
                case "type" -> {
                    if (value.isTextual() ? !TYPES.contains(value.textValue()) : !allTextIn(value, TYPES)) {
                        throw invalid(here, "type must be one of " + TYPES + " or an array of them");
                    }
                }
                case "enum" -> {
                    if (!value.isArray()) {
                        throw invalid(here, "enum must be an array");
                    }
                }
                case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" -> {
                    if (!value.isNumber()) {
                        throw invalid(here, key + " must be a number");
                    }
                }
                case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" -> {
                    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
                        throw invalid(here, key + " must be a non-negative integer");
                    }
                }
                case "pattern" -> {
                    if (!value.isTextual() || value.textValue().length() > 1000) {
                        throw invalid(here, "pattern must be a regular expression of at most 1000 characters");
                    }
                    try {
                        Pattern.compile(value.textValue());
                    } catch (PatternSyntaxException e) {
                        throw invalid(here, "pattern does not compile: " + e.getDescription());
                    }
                }
                case "properties" -> {
                    if (!value.isObject()) {
                        throw invalid(here, "properties must be an object");
                    }
                    value.properties().forEach(p -> checkSchema(p.getValue(), here + "/" + p.getKey()));
                }
                case "required" -> {
                    if (!value.isArray() || !allText(value)) {
                        throw invalid(here, "required must be an array of property names");
                    }
                }
                case "additionalProperties", "items", "not" -> checkSchema(value, here);
                case "uniqueItems" -> {
                    if (!value.isBoolean()) {
                        throw invalid(here, "uniqueItems must be a boolean");
                    }
                }
                case "allOf", "anyOf", "oneOf" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw invalid(here, key + " must be a non-empty array of schemas");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        checkSchema(value.get(i), here + "/" + i);
                    }
                }
                default -> {}
            }
        }
    }

    /** Every way {@code instance} breaks {@code schema} (at most 20), each with its JSON pointer; empty if valid. */
    static List<String> validate(JsonNode schema, JsonNode instance) {
        List<String> errors = new ArrayList<>();
        validate(schema, instance, "", errors);
        return errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
    }

    private static void validate(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (errors.size() > MAX_ERRORS) {
            return;
        }
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                errors.add(where(at) + "no value is allowed here");
            }
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !matchesType(type, value)) {
            errors.add(where(at) + "expected " + (type.isTextual() ? type.textValue() : type.toString()) + ", got "
                    + typeOf(value));
            return;
        }
        JsonNode enumValues = schema.get("enum");
        if (enumValues != null && !containsEqual(enumValues, value)) {
            errors.add(where(at) + "must be one of " + enumValues + ", got " + value);
        }
        JsonNode constant = schema.get("const");
        if (constant != null && !jsonEquals(constant, value)) {
            errors.add(where(at) + "must be " + constant + ", got " + value);
        }
        if (value.isNumber()) {
            checkNumber(schema, value.decimalValue(), at, errors);
        }
        if (value.isTextual()) {
            checkString(schema, value.textValue(), at, errors);
        }
        if (value.isObject()) {
            checkObject(schema, value, at, errors);
        }
        if (value.isArray()) {
            checkArray(schema, value, at, errors);
        }
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            allOf.forEach(sub -> validate(sub, value, at, errors));
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && countMatching(anyOf, value, at) == 0) {
            errors.add(where(at) + "matches none of the anyOf alternatives");
        }
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null) {
            int matching = countMatching(oneOf, value, at);
            if (matching != 1) {
                errors.add(where(at) + "must match exactly one oneOf alternative, matches " + matching);
            }
        }
        JsonNode not = schema.get("not");
        if (not != null && validate(not, value).isEmpty()) {
            errors.add(where(at) + "must not match the 'not' schema");
        }
    }

    private static void checkNumber(JsonNode schema, BigDecimal number, String at, List<String> errors) {
        bound(schema, "minimum", at, errors, number, c -> c >= 0, "at least");
        bound(schema, "maximum", at, errors, number, c -> c <= 0, "at most");
        bound(schema, "exclusiveMinimum", at, errors, number, c -> c > 0, "greater than");
        bound(schema, "exclusiveMaximum", at, errors, number, c -> c < 0, "less than");
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null
                && multipleOf.decimalValue().signum() > 0
                && number.remainder(multipleOf.decimalValue()).signum() != 0) {
            errors.add(where(at) + "must be a multiple of " + multipleOf + ", got " + number.toPlainString());
        }
    }

    private interface Comparison {
        boolean holds(int compareTo);
    }

    private static void bound(
            JsonNode schema,
            String keyword,
            String at,
            List<String> errors,
            BigDecimal number,
            Comparison ok,
            String words) {
        JsonNode limit = schema.get(keyword);
        if (limit != null && !ok.holds(number.compareTo(limit.decimalValue()))) {
            errors.add(where(at) + "must be " + words + " " + limit + ", got " + number.toPlainString());
        }
    }

    private static void checkString(JsonNode schema, String text, String at, List<String> errors) {
        int length = text.codePointCount(0, text.length());
        JsonNode min = schema.get("minLength");
        if (min != null && length < min.intValue()) {
            errors.add(where(at) + "must be at least " + min + " characters long, got " + length);
        }
        JsonNode max = schema.get("maxLength");
        if (max != null && length > max.intValue()) {
            errors.add(where(at) + "must be at most " + max + " characters long, got " + length);
        }
        JsonNode pattern = schema.get("pattern");
        if (pattern != null
                && !Pattern.compile(pattern.textValue()).matcher(text).find()) {
            errors.add(where(at) + "must match pattern " + pattern + ", got \"" + abbreviate(text) + "\"");
        }
    }

    private static void checkObject(JsonNode schema, JsonNode object, String at, List<String> errors) {
        JsonNode required = schema.get("required");
        if (required != null) {
            for (JsonNode name : required) {
                if (!object.has(name.textValue())) {
                    errors.add(where(at) + "missing required property '" + name.textValue() + "'");
                }
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = at + "/" + field.getKey();
            if (properties != null && properties.has(field.getKey())) {
                validate(properties.get(field.getKey()), field.getValue(), child, errors);
            } else if (additional != null) {
                if (additional.isBoolean() && !additional.booleanValue()) {
                    errors.add(where(at) + "unknown property '" + field.getKey() + "'"
                            + (properties == null ? "" : "; known: " + String.join(", ", names(properties))));
                } else {
                    validate(additional, field.getValue(), child, errors);
                }
            }
        }
        JsonNode minProperties = schema.get("minProperties");
        if (minProperties != null && object.size() < minProperties.intValue()) {
            errors.add(where(at) + "must have at least " + minProperties + " properties, has " + object.size());
        }
        JsonNode maxProperties = schema.get("maxProperties");
        if (maxProperties != null && object.size() > maxProperties.intValue()) {
            errors.add(where(at) + "must have at most " + maxProperties + " properties, has " + object.size());
        }
    }

    private static void checkArray(JsonNode schema, JsonNode array, String at, List<String> errors) {
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = 0; i < array.size(); i++) {
                validate(items, array.get(i), at + "/" + i, errors);
            }
        }
        JsonNode min = schema.get("minItems");
        if (min != null && array.size() < min.intValue()) {
            errors.add(where(at) + "must have at least " + min + " items, has " + array.size());
        }
        JsonNode max = schema.get("maxItems");
        if (max != null && array.size() > max.intValue()) {
            errors.add(where(at) + "must have at most " + max + " items, has " + array.size());
        }
        JsonNode unique = schema.get("uniqueItems");
        if (unique != null && unique.booleanValue()) {
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode item : array) {
                if (!seen.add(Hashing.canonical(item))) {
                    errors.add(where(at) + "items must be unique; " + item + " repeats");
                    break;
                }
            }
        }
    }

    private static int countMatching(JsonNode alternatives, JsonNode value, String at) {
        int matching = 0;
        for (JsonNode alternative : alternatives) {
            if (validate(alternative, value).isEmpty()) {
                matching++;
            }
        }
        return matching;
    }

    private static boolean matchesType(JsonNode type, JsonNode value) {
        if (type.isTextual()) {
            return matchesType(type.textValue(), value);
        }
        for (JsonNode t : type) {
            if (matchesType(t.textValue(), value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesType(String type, JsonNode value) {
        return switch (type) {
            case "null" -> value.isNull();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "number" -> value.isNumber();
            case "integer" ->
                value.isIntegralNumber()
                        || value.isNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "string" -> value.isTextual();
            default -> false;
        };
    }

    private static String typeOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "integer " + value;
        }
        if (value.isNumber()) {
            return "number " + value;
        }
        if (value.isTextual()) {
            return "string \"" + abbreviate(value.textValue()) + "\"";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static boolean containsEqual(JsonNode array, JsonNode value) {
        for (JsonNode candidate : array) {
            if (jsonEquals(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean jsonEquals(JsonNode a, JsonNode b) {
        return Hashing.canonical(a).equals(Hashing.canonical(b));
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allTextIn(JsonNode array, Set<String> allowed) {
        if (!array.isArray() || array.isEmpty()) {
            return false;
        }
        for (JsonNode element : array) {
            if (!element.isTextual() || !allowed.contains(element.textValue())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String where(String at) {
        return (at.isEmpty() ? "/" : at) + ": ";
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static OptaicException invalid(String at, String message) {
        return new OptaicException(
                MetadataErrorCode.INVALID_INPUT, "Invalid config schema at '" + at + "': " + message);
    }
}
