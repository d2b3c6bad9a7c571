package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonSchemaValidatorTest {
    static final JsonNode SCHEMA = json("""
            {"type": "object",
             "properties": {
               "window": {"type": "integer", "minimum": 1, "maximum": 252},
               "method": {"enum": ["pearson", "spearman"]},
               "weights": {"type": "array", "items": {"type": "number", "exclusiveMinimum": 0}, "minItems": 1,
                           "uniqueItems": true},
               "name": {"type": "string", "pattern": "^[a-z_]+$", "maxLength": 8},
               "bound": {"anyOf": [{"type": "null"}, {"type": "number", "multipleOf": 0.5}]}
             },
             "required": ["window"],
             "additionalProperties": false}""");

    @Test
    void acceptsAValidDocument() {
        JsonSchemaValidator.checkSchema(SCHEMA);
        assertThat(JsonSchemaValidator.validate(SCHEMA, json("""
                {"window": 20, "method": "spearman", "weights": [0.5, 1.5], "name": "mom", "bound": 2.5}"""))).isEmpty();
        assertThat(JsonSchemaValidator.validate(SCHEMA, json("{\"window\": 20.0, \"bound\": null}")))
                .as("20.0 is an integer in JSON Schema")
                .isEmpty();
    }

    @Test
    void reportsEveryViolationWithItsPointer() {
        assertThat(JsonSchemaValidator.validate(SCHEMA, json("""
                {"window": 0, "method": "kendall", "weights": [1, 1, -2], "name": "Mom-20!", "bound": 0.3, "x": 1}""")))
                .containsExactlyInAnyOrder(
                        "/window: must be at least 1, got 0",
                        "/method: must be one of [\"pearson\",\"spearman\"], got \"kendall\"",
                        "/weights/2: must be greater than 0, got -2",
                        "/weights: items must be unique; 1 repeats",
                        "/name: must match pattern \"^[a-z_]+$\", got \"Mom-20!\"",
                        "/bound: matches none of the anyOf alternatives",
                        "/: unknown property 'x'; known: window, method, weights, name, bound");
        assertThat(JsonSchemaValidator.validate(SCHEMA, json("{}")))
                .containsExactly("/: missing required property 'window'");
        assertThat(JsonSchemaValidator.validate(SCHEMA, json("[]"))).containsExactly("/: expected object, got array");
    }

    @Test
    void refusesKeywordsItWouldOtherwiseIgnore() {
        assertThatThrownBy(
                        () -> JsonSchemaValidator.checkSchema(json("{\"properties\": {\"a\": {\"$ref\": \"#/x\"}}}")))
                .hasMessageContaining("'#/properties/a/$ref': unsupported keyword '$ref'");
        assertThatThrownBy(() -> JsonSchemaValidator.checkSchema(json("{\"type\": \"float\"}")))
                .hasMessageContaining("type must be one of");
        assertThatThrownBy(() -> JsonSchemaValidator.checkSchema(json("{\"pattern\": \"([a-z\"}")))
                .hasMessageContaining("pattern does not compile");
        JsonSchemaValidator.checkSchema(
                json("{\"title\": \"t\", \"description\": \"d\", \"default\": 1, \"format\": \"date\"}"));
    }
}
