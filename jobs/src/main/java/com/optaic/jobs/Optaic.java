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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process's view of OptAIC: the metadata store (embedded PostgreSQL unless {@code OPTAIC_DB_URL}), the
 * storage root, the acting principal, and (opened on first use) the run frame. The acting principal is the
 * principal of {@code OPTAIC_TOKEN} if set, else the bootstrap administrator ({@code admin@optaic.local}); a
 * blank {@code OPTAIC_TOKEN} is a user error.
 */
public final class Optaic implements AutoCloseable {

    private final MetadataStore store;
    private final Storage storage;
    private final RetryPolicy retry;
    private final ExperimentEngine engine;
    private final Map<String, String> env;
    private RunFrame frame;
    private Actor actor;

    private Optaic(
            MetadataStore store, Storage storage, RetryPolicy retry, ExperimentEngine engine, Map<String, String> env) {
        this.store = store;
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

    /** The acting principal; bootstraps first so that the administrator exists. */
    public synchronized Actor actor() {
        if (actor == null) {
            bootstrap();
            Optional<String> token = token(env);
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

    public synchronized RunFrame frame() {
        if (frame == null) {
            Engines engines = Engines.builtins(Optional.ofNullable(env.get("OPTAIC_SPARK_MASTER")));
            RunTypes types = new RunTypes(List.of(
                    new PipelineRunType(PipelineSources.builtins(PipelineSources.maxSyntheticCells(env)), engines),
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
