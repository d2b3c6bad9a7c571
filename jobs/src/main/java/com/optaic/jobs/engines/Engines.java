package com.optaic.jobs.engines;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.ResourceType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * The engines runs execute on, by name: {@code local} (in this process) and {@code spark} (tasks of this process's
 * Spark session) are built in; registering a name twice fails. A run picks its engine with the key {@code engine}
 * (a run param, else the instance config, else its run type's default in {@link #DEFAULTS}) and a Spark master with
 * {@code spark_master} the same way ({@link EngineSelection}); an unknown name fails with the known ones.
 */
public final class Engines {
    public static final String LOCAL = "local";
    public static final String SPARK = "spark";
    /** The config key and run param naming the engine. */
    public static final String ENGINE_KEY = "engine";
    /** The config key and run param naming the Spark master of a run on a Spark engine. */
    public static final String MASTER_KEY = "spark_master";

    /**
     * Each run type's default engine, the one place they are declared. Ingestion is parallel per file and
     * optimisations per rebalance date, so both default to Spark; an experiment's evaluation defaults to this process,
     * where small data costs less than Spark's start-up; a backtest's sweep runs on Spark (a single backtest always
     * runs in process).
     */
    public static final Map<ResourceType, String> DEFAULTS = Map.of(
            ResourceType.PipelineRun, SPARK,
            ResourceType.ExperimentRun, LOCAL,
            ResourceType.PortfolioOptimizationRun, SPARK,
            ResourceType.BacktestRun, SPARK);

    /** A run's engine and, for a Spark engine, the master its config names. */
    public record Choice(RunEngine engine, Optional<String> master) {
        public Choice {
            requireNonNull(engine, "engine is null");
            requireNonNull(master, "master is null");
        }

        public String name() {
            return engine.name();
        }

        public boolean onSpark() {
            return engine.onSpark();
        }

        /** The Spark session of the choice, started on first use. */
        public SparkSession session() {
            return engine.session(master);
        }
    }

    private final Map<String, RunEngine> engines = new TreeMap<>();

    /**
     * The built-in engines.
     *
     * @param defaultMaster the Spark master of runs whose config names none ({@code OPTAIC_SPARK_MASTER}); without
     *     one, the session this process already runs, else {@code local[*]}
     */
    public static Engines builtins(Optional<String> defaultMaster) {
        return builtins(defaultMaster, Map.of());
    }

    /**
     * The built-in engines, a session on a cluster master taking {@link ClusterSettings} from {@code environment}
     * ({@code HADOOP_CONF_DIR}).
     */
    public static Engines builtins(Optional<String> defaultMaster, Map<String, String> environment) {
        return new Engines().register(local()).register(spark(defaultMaster, environment));
    }

    public synchronized Engines register(RunEngine engine) {
        requireNonNull(engine, "engine is null");
        if (engines.putIfAbsent(engine.name(), engine) != null) {
            throw new IllegalStateException("Engine '" + engine.name() + "' is registered twice");
        }
        return this;
    }

    public synchronized Set<String> names() {
        return Set.copyOf(engines.keySet());
    }

    /** The engine of this name. */
    public synchronized RunEngine get(String name) {
        RunEngine engine = engines.get(name);
        if (engine == null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Unknown engine '" + name + "'; known engines: " + String.join(", ", engines.keySet()));
        }
        return engine;
    }

    /** The default engine of a run type's runs. */
    public RunEngine defaultFor(ResourceType runType) {
        String name = DEFAULTS.get(runType);
        if (name == null) {
            throw new IllegalArgumentException(runType + " declares no default engine");
        }
        return get(name);
    }

    /** The engine a run selected, else its run type's default; an unknown name fails with the known ones. */
    public synchronized Choice choose(ResourceType runType, EngineSelection selection) {
        if (selection.engine().isEmpty()) {
            return new Choice(defaultFor(runType), selection.master());
        }
        String name = selection.engine().get();
        RunEngine engine = engines.get(name);
        if (engine == null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    selection.origin() + " '" + ENGINE_KEY + "' is '" + name + "'; known engines: "
                            + String.join(", ", engines.keySet()));
        }
        return new Choice(engine, selection.master());
    }

    /** Work in this process. */
    static RunEngine local() {
        return new RunEngine() {
            @Override
            public String name() {
                return LOCAL;
            }

            @Override
            public boolean onSpark() {
                return false;
            }

            @Override
            public SparkSession session(Optional<String> master) {
                throw new IllegalStateException("The local engine runs no Spark session");
            }
        };
    }

    /**
     * Tasks of this process's Spark session: the run's master, else {@code defaultMaster}, each of which must be the
     * master this process runs if it runs Spark already; without either, the running session, else spark-submit's master,
     * else {@code local[*]}.
     * A new session on a cluster master ships the application jar and the Hadoop settings ({@link ClusterSettings}).
     */
    static RunEngine spark(Optional<String> defaultMaster, Map<String, String> environment) {
        Map<String, String> env = Map.copyOf(environment);
        Optional<String> fallback =
                requireNonNull(defaultMaster, "defaultMaster is null").filter(m -> !m.isBlank());
        return new RunEngine() {
            @Override
            public String name() {
                return SPARK;
            }

            @Override
            public boolean onSpark() {
                return true;
            }

            @Override
            public SparkSession session(Optional<String> master) {
                Optional<String> wanted = master.or(() -> fallback);
                if (wanted.isPresent()) {
                    return SparkSessions.getOrCreate(wanted.get(), ClusterSettings.forMaster(wanted.get(), env));
                }
                if (SparkSessions.isRunning()) {
                    return SparkSession.active();
                }
                // under spark-submit, its master (the spark.master system property), else local[*]
                String submitted = SparkSessions.defaultMaster();
                return SparkSessions.getOrCreate(submitted, ClusterSettings.forMaster(submitted, env));
            }
        };
    }
}
