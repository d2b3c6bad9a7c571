package com.optaic.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.jobs.pipeline.PipelineSources;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The plugins this build registers, kept as deployed Definitions in the system project by the bootstrap. */
public final class Builtins {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION = "1";

    private Builtins() {}

    public static List<BuiltinDefinition> definitions() {
        List<BuiltinDefinition> all = new java.util.ArrayList<>(List.of(
                pipeline("synthetic", "Seeded synthetic market: OHLCV, vwap, returns, sector/industry/subindustry",
                        PipelineSources.SYNTHETIC, """
                        {"type": "object",
                         "properties": {"assets": {"type": "integer", "minimum": 1},
                                        "days": {"type": "integer", "minimum": 1},
                                        "seed": {"type": "integer"}},
                         "additionalProperties": false}"""),
                pipeline("csv", "CSV ingestion: a long file (date,asset,fields) or wide files per field",
                        PipelineSources.CSV, """
                        {"type": "object",
                         "properties": {"path": {"type": "string", "minLength": 1},
                                        "files": {"type": "object"},
                                        "group_fields": {"type": "array"}},
                         "additionalProperties": false}"""),
                pipeline("parquet", "Parquet ingestion: a long-layout file or a directory of them",
                        PipelineSources.PARQUET, """
                        {"type": "object",
                         "properties": {"path": {"type": "string", "minLength": 1},
                                        "group_fields": {"type": "array"}},
                         "required": ["path"], "additionalProperties": false}""")));
        all.addAll(com.optaic.jobs.portfolio.PortfolioOptimizers.definitions());
        return List.copyOf(all);
    }

    private static BuiltinDefinition pipeline(String name, String description, String codeRef, String schema) {
        return new BuiltinDefinition(ResourceType.PipelineDef, name, description,
                new DefinitionContent(codeRef, json(schema), json("{\"kind\": \"pipeline\"}"), VERSION));
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
