package com.optaic.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.jobs.pipeline.PipelineSources;
import com.optaic.jobs.portfolio.PortfolioOptimizers;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The plugins this build registers, kept as deployed Definitions in the system project by the bootstrap. */
public final class Builtins {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION = "1";

    private Builtins() {}

    public static List<BuiltinDefinition> definitions() {
        List<BuiltinDefinition> all = new ArrayList<>(List.of(
                pipeline("synthetic", "Seeded synthetic market: OHLCV, vwap, returns, cap, sector/industry/subindustry;"
                        + " with ragged, listings, delistings and missing days", PipelineSources.SYNTHETIC, """
                        {"type": "object",
                         "properties": {"assets": {"type": "integer", "minimum": 1},
                                        "days": {"type": "integer", "minimum": 1},
                                        "seed": {"type": "integer"},
                                        "ragged": {"type": "boolean"},
                                        "tasks": {"type": "integer", "minimum": 1}},
                         "additionalProperties": false}"""),
                pipeline("csv", "CSV ingestion: long files (date,asset,fields; a file, directory or glob) or wide files per field",
                        PipelineSources.CSV, """
                        {"type": "object",
                         "properties": {"path": {"type": "string", "minLength": 1},
                                        "files": {"type": "object"},
                                        "group_fields": {"type": "array"}},
                         "additionalProperties": false}"""),
                pipeline("parquet", "Parquet ingestion: long-layout files (a file, directory or glob)",
                        PipelineSources.PARQUET, """
                        {"type": "object",
                         "properties": {"path": {"type": "string", "minLength": 1},
                                        "group_fields": {"type": "array"}},
                         "required": ["path"], "additionalProperties": false}""")));
        all.addAll(PortfolioOptimizers.definitions());
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
