package com.optaic.jobs.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.common.OptaicException;
import com.optaic.engine.ingest.IngestSources;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Settings;
import com.optaic.jobs.run.Builtin;
import com.optaic.jobs.run.Registry;
import com.optaic.metadata.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The built-in pipeline sources: {@code pipeline.synthetic}, {@code pipeline.csv}, {@code pipeline.parquet}. */
public final class PipelineSources {
    public static final String SYNTHETIC = "pipeline.synthetic";
    public static final String CSV = "pipeline.csv";
    public static final String PARQUET = "pipeline.parquet";
    private static final String MAX_CELLS_VARIABLE = "OPTAIC_SYNTHETIC_MAX_CELLS";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String VERSION = "1";

    private PipelineSources() {}

    /** The default of {@code OPTAIC_SYNTHETIC_MAX_CELLS}: 5,000 assets x 10,000 days. */
    public static final long DEFAULT_MAX_SYNTHETIC_CELLS = 50_000_000L;

    /** The built-in PipelineDefs (names {@code synthetic}, {@code csv}, {@code parquet}) with their factories. */
    public static List<Builtin<PipelineSource>> all() {
        return all(DEFAULT_MAX_SYNTHETIC_CELLS);
    }

    /** The built-ins, a synthetic market refused beyond {@code maxSyntheticCells} asset-days. */
    public static List<Builtin<PipelineSource>> all(long maxSyntheticCells) {
        return List.of(
                builtin(
                        "synthetic",
                        "Seeded synthetic market: OHLCV, vwap, returns, cap, sector/industry/subindustry;"
                                + " with ragged, listings, delistings and missing days",
                        SYNTHETIC,
                        """
                        {"type": "object",
                         "properties": {"assets": {"type": "integer", "minimum": 1},
                                        "days": {"type": "integer", "minimum": 1},
                                        "seed": {"type": "integer"},
                                        "ragged": {"type": "boolean"},
                                        "tasks": {"type": "integer", "minimum": 1}},
                         "additionalProperties": false}""",
                        config -> synthetic(config, maxSyntheticCells)),
                builtin(
                        "csv",
                        "CSV ingestion: long files (date,asset,fields; a file, directory or glob) or wide files per field",
                        CSV,
                        """
                        {"type": "object",
                         "properties": {"path": {"type": "string", "minLength": 1},
                                        "files": {"type": "object"},
                                        "group_fields": {"type": "array"}},
                         "additionalProperties": false}""",
                        PipelineSources::csv),
                builtin(
                        "parquet",
                        "Parquet ingestion: long-layout files (a file, directory or glob)",
                        PARQUET,
                        """
                        {"type": "object",
                         "properties": {"path": {"type": "string", "minLength": 1},
                                        "group_fields": {"type": "array"}},
                         "required": ["path"], "additionalProperties": false}""",
                        PipelineSources::parquet));
    }

    /** The factories of {@link #all} by code_ref. */
    public static Registry<PipelineSource> builtins() {
        return builtins(DEFAULT_MAX_SYNTHETIC_CELLS);
    }

    /** The factories of {@link #all(long)} by code_ref. */
    public static Registry<PipelineSource> builtins(long maxSyntheticCells) {
        return Builtin.registry("pipeline", all(maxSyntheticCells));
    }

    private static Builtin<PipelineSource> builtin(
            String name, String description, String codeRef, String schema, Registry.Factory<PipelineSource> factory) {
        return Builtin.of(
                ResourceType.PipelineDef,
                name,
                description,
                codeRef,
                json(schema),
                json("{\"kind\": \"pipeline\"}"),
                VERSION,
                factory);
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A seeded synthetic market ({@code assets}, {@code days}, {@code seed}; {@code ragged} for listings, delistings
     * and missing days) from {@link SyntheticMarket#FIRST_DATE}. With a nominal date the market runs through that
     * date instead (the generator is prefix-stable, so a longer market extends a shorter one: a nightly run appends
     * one more day). Generated in {@code tasks} pieces of assets (default: one per engine slot); the bytes do not
     * depend on how many.
     */
    static PipelineSource synthetic(JsonNode config, long maxCells) {
        int assets = positive(config, "assets", 500);
        int days = positive(config, "days", 756);
        long seed = config.path("seed").asLong(42);
        boolean ragged = config.path("ragged").asBoolean(false);
        int tasks = config.has("tasks") ? positive(config, "tasks", 1) : 0;
        checkCells(assets, days, "", maxCells);
        return asOf -> {
            int through =
                    asOf.map(date -> Math.max(1, businessDaysThrough(date))).orElse(days);
            checkCells(assets, through, asOf.map(date -> " through " + date).orElse(""), maxCells);
            return IngestSources.synthetic(assets, through, seed, ragged, tasks);
        };
    }

    /** {@code OPTAIC_SYNTHETIC_MAX_CELLS}, else {@link #DEFAULT_MAX_SYNTHETIC_CELLS}. */
    public static long maxSyntheticCells(Map<String, String> env) {
        return Settings.integer(env, MAX_CELLS_VARIABLE, DEFAULT_MAX_SYNTHETIC_CELLS, 1);
    }

    /** Refuses, before anything is generated, a market larger than the limit. */
    private static void checkCells(int assets, int days, String through, long maxCells) {
        long cells = (long) assets * days;
        if (cells > maxCells) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    String.format(
                            Locale.ROOT,
                            "pipeline.synthetic: %,d assets x %,d days%s = %,d cells, over the limit of %,d (%s)",
                            assets,
                            days,
                            through,
                            cells,
                            maxCells,
                            MAX_CELLS_VARIABLE));
        }
    }

    /**
     * CSV: {@code path} of long files (date,asset,fields...): a file, a directory of {@code .csv} files or a glob,
     * one task per file; or {@code files} {field: path} of wide files, read together.
     */
    static PipelineSource csv(JsonNode config) {
        Set<String> groups = groupFields(config);
        if (config.has("files")) {
            Map<String, Path> files = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = config.get("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                files.put(entry.getKey(), existing(entry.getValue().asText()));
            }
            if (files.isEmpty()) {
                throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, "pipeline.csv: 'files' names no field file");
            }
            return asOf -> IngestSources.wideCsv(files, groups);
        }
        String path = existingOrGlob(requiredText(config, "path", CSV));
        return asOf -> IngestSources.files(path, ".csv", groups);
    }

    /** Parquet: {@code path} of a long-layout file, a directory of them or a glob, one task per file. */
    static PipelineSource parquet(JsonNode config) {
        Set<String> groups = groupFields(config);
        String path = existingOrGlob(requiredText(config, "path", PARQUET));
        return asOf -> IngestSources.files(path, ".parquet", groups);
    }

    /** Business days from the synthetic market's first date through {@code date}, both included. */
    static int businessDaysThrough(LocalDate date) {
        int count = 0;
        for (LocalDate d = SyntheticMarket.FIRST_DATE; !d.isAfter(date); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
    }

    private static Set<String> groupFields(JsonNode config) {
        if (!config.has("group_fields")) {
            return PanelReader.DEFAULT_GROUP_FIELDS;
        }
        Set<String> groups = new LinkedHashSet<>();
        config.get("group_fields").forEach(node -> groups.add(node.asText()));
        return groups;
    }

    private static int positive(JsonNode config, String field, int defaultValue) {
        JsonNode node = config.path(field);
        if (node.isMissingNode()) {
            return defaultValue;
        }
        if (!node.canConvertToInt() || node.asInt() < 1) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "pipeline.synthetic: '" + field + "' must be a positive integer, got " + node);
        }
        return node.asInt();
    }

    private static String requiredText(JsonNode config, String field, String codeRef) {
        String value = config.path(field).asText("");
        if (value.isBlank()) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, codeRef + ": config needs '" + field + "'");
        }
        return value;
    }

    /** A glob is checked when it is expanded, at the run; a plain path now. */
    private static String existingOrGlob(String path) {
        return path.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)
                ? path
                : existing(path).toString();
    }

    private static Path existing(String path) {
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, "Pipeline input '" + path + "' does not exist");
        }
        return file;
    }
}
