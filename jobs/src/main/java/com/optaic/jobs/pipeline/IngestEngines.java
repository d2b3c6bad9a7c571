package com.optaic.jobs.pipeline;

import com.optaic.jobs.JobsErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.ingest.IngestEngine;
import com.optaic.engine.spark.SparkSessions;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Which engine a PipelineRun ingests on: run param, else instance config, {@code "engine": "local" | "spark"}
 * (default {@code spark}), and for Spark {@code "spark_master"} (default: {@code OPTAIC_SPARK_MASTER}, else the
 * session this process already runs, else {@code local[*]}). Both engines write the same bytes.
 */
final class IngestEngines {
    static final String LOCAL = "local";
    static final String SPARK = "spark";
    private static final String DEFAULT_MASTER = "local[*]";

    private IngestEngines() {
    }

    /** A validated choice; the Spark session starts only when the run executes. */
    record Choice(String engine, Optional<String> master) {
        IngestEngine start() {
            if (engine.equals(LOCAL)) {
                return IngestEngine.local();
            }
            return IngestEngine.spark(master.map(SparkSessions::getOrCreate).orElseGet(IngestEngines::runningOrLocal));
        }
    }

    static Choice choose(JsonNode config, JsonNode params, Optional<String> defaultMaster) {
        String engine = text(params, config, "engine").orElse(SPARK);
        if (!engine.equals(LOCAL) && !engine.equals(SPARK)) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, "PipelineRun: 'engine' must be 'local' or 'spark', not '"
                    + engine + "'");
        }
        return new Choice(engine, text(params, config, "spark_master").or(() -> defaultMaster));
    }

    private static Optional<String> text(JsonNode params, JsonNode config, String field) {
        JsonNode node = params.hasNonNull(field) ? params.get(field) : config.path(field);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static SparkSession runningOrLocal() {
        return SparkSessions.isRunning() ? SparkSession.active() : SparkSessions.getOrCreate(DEFAULT_MASTER);
    }
}
