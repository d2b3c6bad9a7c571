package com.optaic.jobs.run.batch;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.CancellationToken;
import com.optaic.jobs.run.RunWork;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Run;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run attempts this process is executing, by run id: all the state the steps, the lifecycle listener and the
 * cancel watcher of one attempt share. An attempt is added when the frame launches the run, started when its job
 * moves the run RUNNING, resolved by the resolve step, ended by the listener and removed when the launch returns.
 */
final class Attempts {
    /** What the resolve step built for the later steps of the same attempt. */
    record Resolved(RunWork work, Optional<Run> reproduces) {
        Resolved {
            requireNonNull(work, "work is null");
            requireNonNull(reproduces, "reproduces is null");
        }
    }

    /** One attempt of one run in this process. */
    static final class Attempt {
        private final UUID runId;
        private final Actor actor;
        private volatile CancellationToken token;
        private volatile Resolved resolved;

        private Attempt(UUID runId, Actor actor) {
            this.runId = runId;
            this.actor = actor;
        }

        /** Who launched the run; every step acts as this principal. */
        Actor actor() {
            return actor;
        }

        /** The job moved the run RUNNING: from now on a cancel request reaches it through {@code token}. */
        void start(CancellationToken token) {
            this.token = requireNonNull(token, "token is null");
        }

        /** The job is over: forgets what its steps built; the token, if the job had started the run. */
        Optional<CancellationToken> end() {
            resolved = null;
            CancellationToken ended = token;
            token = null;
            return Optional.ofNullable(ended);
        }

        /** The token of the running job, if the job started the run and has not ended. */
        Optional<CancellationToken> runningToken() {
            return Optional.ofNullable(token);
        }

        CancellationToken token() {
            CancellationToken current = token;
            if (current == null) {
                throw new OptaicException(
                        JobsErrorCode.BATCH_INTERNAL, "Run " + runId + " has no attempt executing here");
            }
            return current;
        }

        void resolved(Resolved resolved) {
            this.resolved = requireNonNull(resolved, "resolved is null");
        }

        Resolved resolved() {
            Resolved current = resolved;
            if (current == null) {
                throw new OptaicException(
                        JobsErrorCode.BATCH_INTERNAL, "Run " + runId + " was not resolved in this attempt");
            }
            return current;
        }
    }

    private final Map<UUID, Attempt> byRun = new ConcurrentHashMap<>();

    /** The frame is about to start the run's job for {@code actor}. */
    void add(UUID runId, Actor actor) {
        byRun.put(requireNonNull(runId, "runId is null"), new Attempt(runId, requireNonNull(actor, "actor is null")));
    }

    /** The frame's launch of the run returned. */
    void remove(UUID runId) {
        byRun.remove(runId);
    }

    /** The attempt of a run this process launched; a job started any other way is a bug of ours. */
    Attempt of(UUID runId) {
        Attempt attempt = byRun.get(runId);
        if (attempt == null) {
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Run " + runId + " was started outside RunFrame");
        }
        return attempt;
    }

    Optional<Attempt> find(UUID runId) {
        return Optional.ofNullable(byRun.get(runId));
    }

    /** The run ids of the attempts executing here, with their attempts, at this moment. */
    List<Map.Entry<UUID, Attempt>> current() {
        return List.copyOf(byRun.entrySet());
    }
}
