package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.JobsErrorCode;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|spark} and {@code --master URL}, shared by the commands that can run in process or on
 * Spark. {@link #onSpark()} checks them against each other; the command checks what else Spark needs.
 */
final class EngineOptions {
    @Option(
            names = "--engine",
            paramLabel = "local|spark",
            defaultValue = "local",
            description = {
                "local (default): in this process, on every core.",
                "spark: as Spark tasks on --master (what a task holds: see above); the same results as local."
            })
    String engine;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "Spark master for --engine spark: local[*] (default; under spark-submit, its --master), local[N], spark://host:port, yarn, k8s://...")
    String master;

    /** True for {@code --engine spark}; refuses an unknown engine and a master without Spark. */
    boolean onSpark() {
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "--engine '" + engine + "' is not an engine; expected local or spark");
        }
        if (engine.equals("local") && master != null) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--master applies to --engine spark only");
        }
        return engine.equals("spark");
    }

    /** The Spark master asked for, else the one spark-submit gave this JVM, else {@code local[*]}. */
    String master() {
        return master == null ? SparkSessions.defaultMaster() : master;
    }
}
