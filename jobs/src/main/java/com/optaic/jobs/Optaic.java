package com.optaic.jobs;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.backtest.BacktestRunType;
import com.optaic.jobs.engines.Engines;
import com.optaic.jobs.experiment.ExperimentEngine;
import com.optaic.jobs.experiment.ExperimentRunType;
import com.optaic.jobs.experiment.LocalExperimentEngine;
import com.optaic.jobs.monitoring.MonitoringRunType;
import com.optaic.jobs.pipeline.PipelineRunType;
import com.optaic.jobs.pipeline.PipelineSources;
import com.optaic.jobs.portfolio.PortfolioOptimizationRunType;
import com.optaic.jobs.portfolio.PortfolioOptimizers;
import com.optaic.jobs.run.RetryPolicy;
import com.optaic.jobs.run.RunTypes;
import com.optaic.jobs.run.Storage;
import com.optaic.jobs.run.batch.RunFrame;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.SystemIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One process's view of OptAIC: the metadata store (embedded PostgreSQL unless {@code OPTAIC_DB_URL}), the
 * storage root, the acting principal, and (opened on first use) the run frame. The acting principal is the
 * principal of {@code OPTAIC_TOKEN} if set; a blank {@code OPTAIC_TOKEN} is a user error. Without a token the
 * process acts as the bootstrap administrator ({@code admin@optaic.local}) only where that person is the one
 * at the keyboard anyway: on the embedded store (a single-user install), or with the database's migration
 * credentials ({@code OPTAIC_DB_MIGRATION_USER}, the database host's owner role, which can change any row). A
 * shared store ({@code OPTAIC_DB_URL}) without either refuses a missing token.
 */
public final class Optaic implements AutoCloseable {

    private final MetadataStore store;
    private final Storage storage;
    private final RetryPolicy retry;
    private final ExperimentEngine engine;
    private final Map<String, String> env;
    private final MetadataStoreConfig config;
    private Consumer<String> notices = line -> {};
    private RunFrame frame;
    private boolean serving;
    private Actor actor;

    private Optaic(
            MetadataStore store,
            MetadataStoreConfig config,
            Storage storage,
            RetryPolicy retry,
            ExperimentEngine engine,
            Map<String, String> env) {
        this.store = store;
        this.config = config;
        this.storage = storage;
        this.retry = retry;
        this.engine = engine;
        this.env = env;
    }

    /** Opens the store (migrating it) from the environment; runs nothing else. */
    public static Optaic open(Map<String, String> env) {
        return open(
                MetadataStoreConfig.fromEnvironment(env),
                Storage.fromEnvironment(env),
                env,
                new LocalExperimentEngine());
    }

    /** @param engine evaluates the ExperimentRuns on the {@code local} engine (tests substitute one that blocks) */
    public static Optaic open(
            MetadataStoreConfig config, Storage storage, Map<String, String> env, ExperimentEngine engine) {
        token(env);
        MetadataStore store = MetadataStore.open(config);
        try {
            return new Optaic(
                    store,
                    config,
                    storage,
                    RetryPolicy.fromEnvironment(env),
                    requireNonNull(engine, "engine is null"),
                    Map.copyOf(env));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public MetadataStore store() {
        return store;
    }

    public Storage storage() {
        return storage;
    }

    /** Bootstraps (idempotent) with this build's built-in definitions. */
    public void bootstrap() {
        store.bootstrap().run(Builtins.definitions());
    }

    /**
     * Where this process says things a person should know but that are not a command's output (the CLI's
     * stderr); by default nowhere.
     */
    public synchronized Optaic notices(Consumer<String> sink) {
        this.notices = requireNonNull(sink, "sink is null");
        return this;
    }

    /** The acting principal; bootstraps first so that the administrator exists. */
    public synchronized Actor actor() {
        if (actor == null) {
            Optional<String> token = token(env);
            if (token.isEmpty()) {
                notices.accept(withoutToken(config));
            }
            bootstrap();
            actor = token.isPresent()
                    ? store.principals()
                            .authenticate(token.get())
                            .orElseThrow(
                                    () -> new OptaicException(
                                            JobsErrorCode.BAD_TOKEN,
                                            "OPTAIC_TOKEN is not a valid token (unknown, expired, revoked, or its principal disabled)"))
                    : SystemIds.SYSTEM_ACTOR;
        }
        return actor;
    }

    /**
     * The notice for acting as the administrator without a token, or the refusal when this store is shared and
     * the process is not on the database host.
     */
    static String withoutToken(MetadataStoreConfig config) {
        if (config.isEmbedded()) {
            return "note: no OPTAIC_TOKEN, acting as the administrator (admin@optaic.local) of this single-user"
                    + " install's embedded store";
        }
        if (config.migrationUser().isPresent()) {
            return "note: no OPTAIC_TOKEN, acting as the administrator (admin@optaic.local): this process holds the"
                    + " database's migration credentials (OPTAIC_DB_MIGRATION_USER)";
        }
        throw new OptaicException(
                JobsErrorCode.MISSING_TOKEN,
                "OPTAIC_TOKEN is not set and the store at " + config.url().orElseThrow()
                        + " is shared: set OPTAIC_TOKEN to an API token. An administrator makes one with"
                        + " 'optaic token create --for EMAIL' (with their own token, or on the database host with"
                        + " OPTAIC_DB_MIGRATION_USER set)");
    }

    /**
     * {@code OPTAIC_TOKEN}, or empty when unset. Set but blank is refused: an emptied variable (a failed secret
     * lookup, {@code OPTAIC_TOKEN=$UNSET}) must not silently act as the administrator.
     */
    private static Optional<String> token(Map<String, String> env) {
        String token = env.get("OPTAIC_TOKEN");
        if (token != null && token.isBlank()) {
            throw new OptaicException(
                    JobsErrorCode.BLANK_TOKEN,
                    "OPTAIC_TOKEN is set but blank; set it to an API token, or unset"
                            + " it to act as the bootstrap administrator");
        }
        return Optional.ofNullable(token);
    }

    /**
     * {@code OPTAIC_RUN_STALE_SECONDS} (default 60, at least 5): a RUNNING run with no heartbeat for this long,
     * whose process is not alive here, is failed by the next {@code serve} tick, {@code run status} or
     * {@code run cancel --wait}.
     */
    public Duration staleRunLimit() {
        return Duration.ofSeconds(Settings.integer(env, "OPTAIC_RUN_STALE_SECONDS", 60, 5));
    }

    /**
     * This process executes other principals' runs ({@code serve}): the store is shared, so pipeline file sources
     * are confined to {@code OPTAIC_SOURCE_ROOTS} ({@link com.optaic.jobs.pipeline.SourceRoots}). Before
     * {@link #frame}.
     */
    public synchronized void serving() {
        if (frame != null) {
            throw new IllegalStateException("serving() after the run frame was opened");
        }
        serving = true;
    }

    public synchronized RunFrame frame() {
        if (frame == null) {
            Engines engines = Engines.builtins(Optional.ofNullable(env.get("OPTAIC_SPARK_MASTER")), env);
            RunTypes types = new RunTypes(List.of(
                    new PipelineRunType(
                            PipelineSources.builtins(PipelineSources.maxSyntheticCells(env)), engines, env, serving),
                    new ExperimentRunType(engines, engine),
                    BacktestRunType.fromEnvironment(env, engines),
                    new PortfolioOptimizationRunType(PortfolioOptimizers.builtins(), engines),
                    new MonitoringRunType()));
            frame = RunFrame.start(store, storage, types, retry);
        }
        return frame;
    }

    @Override
    public synchronized void close() {
        try {
            if (frame != null) {
                frame.close();
            }
        } finally {
            store.close();
        }
    }
}
