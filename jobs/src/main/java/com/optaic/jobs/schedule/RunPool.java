package com.optaic.jobs.schedule;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Executes QUEUED runs handed to it, at most {@code maxRunning} at a time, in the order they were handed over.
 * Runs of one lane (an instance: its runs append to one dataset and publish against the version they read) run one
 * after another, so a burst of nightly runs of one instance never conflicts with itself. A run handed over twice is
 * executed once. When a run SUCCEEDS, the {@link FollowUps} queue what must run after it (the instances following
 * its output) and those join the pool too.
 */
public final class RunPool implements AutoCloseable {
    /** Runs to queue after a run succeeded; they are executed by the same pool, in the lane of their instance. */
    @FunctionalInterface
    public interface FollowUps {
        FollowUps NONE = (actor, run) -> List.of();

        List<Run> after(Actor actor, Run succeeded);
    }

    private record Pending(Actor actor, UUID runId, Optional<Object> lane, CompletableFuture<RunOutcome> outcome) {}

    private final Launcher launcher;
    private final int maxRunning;
    private final FollowUps followUps;
    private final Consumer<String> log;
    private final List<Thread> workers = new ArrayList<>();
    private final Map<UUID, Pending> waiting = new LinkedHashMap<>();
    private final Map<UUID, Pending> running = new LinkedHashMap<>();
    private final Set<Object> busyLanes = new HashSet<>();
    private int peakRunning;
    private boolean closed;

    public RunPool(Launcher launcher, int maxRunning, FollowUps followUps, Consumer<String> log) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        if (maxRunning < 1) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, "At most N runs at once needs N >= 1, got " + maxRunning);
        }
        this.maxRunning = maxRunning;
        this.followUps = requireNonNull(followUps, "followUps is null");
        this.log = requireNonNull(log, "log is null");
        for (int i = 0; i < maxRunning; i++) {
            Thread worker = new Thread(this::work, "optaic-run-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    public int maxRunning() {
        return maxRunning;
    }

    /**
     * Hands a QUEUED run over; {@code lane} (null: none) serialises it with the other runs of that lane. The future
     * completes with the outcome, or exceptionally if the run could not be launched (e.g. cancelled while waiting).
     */
    public synchronized CompletableFuture<RunOutcome> submit(Actor actor, UUID runId, Object lane) {
        requireNonNull(actor, "actor is null");
        requireNonNull(runId, "runId is null");
        Pending known = waiting.containsKey(runId) ? waiting.get(runId) : running.get(runId);
        if (known != null) {
            return known.outcome();
        }
        if (closed) {
            return CompletableFuture.failedFuture(new OptaicException(
                    JobsErrorCode.BATCH_INTERNAL, "The run pool is closed; run " + runId + " stays QUEUED"));
        }
        Pending pending = new Pending(actor, runId, Optional.ofNullable(lane), new CompletableFuture<>());
        waiting.put(runId, pending);
        notifyAll();
        return pending.outcome();
    }

    /** True while the run waits or executes in this pool. */
    public synchronized boolean holds(UUID runId) {
        return waiting.containsKey(runId) || running.containsKey(runId);
    }

    /** The most runs that were executing at the same time so far. */
    public synchronized int peakRunning() {
        return peakRunning;
    }

    /** Waits until nothing is waiting or running (follow-ups included). */
    public synchronized void awaitIdle() throws InterruptedException {
        while (!waiting.isEmpty() || !running.isEmpty()) {
            wait();
        }
    }

    /** Stops taking runs and waits for the running ones; runs still waiting stay QUEUED in the store. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Pending pending : waiting.values()) {
                pending.outcome()
                        .completeExceptionally(new OptaicException(
                                JobsErrorCode.BATCH_INTERNAL,
                                "The run pool closed before run " + pending.runId() + " started; it stays QUEUED"));
            }
            waiting.clear();
            notifyAll();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void work() {
        while (true) {
            Pending pending;
            try {
                pending = next();
            } catch (InterruptedException e) {
                return;
            }
            if (pending == null) {
                return;
            }
            try {
                RunOutcome outcome = launcher.launch(pending.actor(), pending.runId());
                if (outcome.run().status() == RunStatus.SUCCEEDED) {
                    for (Run next : followUps.after(pending.actor(), outcome.run())) {
                        submit(
                                pending.actor(),
                                next.resource().id(),
                                next.snapshot().instanceId());
                    }
                }
                pending.outcome().complete(outcome);
            } catch (RuntimeException | Error e) {
                log.accept("run " + pending.runId() + " could not be executed: " + e.getMessage());
                pending.outcome().completeExceptionally(e);
            } finally {
                synchronized (this) {
                    running.remove(pending.runId());
                    pending.lane().ifPresent(busyLanes::remove);
                    notifyAll();
                }
            }
        }
    }

    /** The oldest waiting run whose lane is free, once there is one; null when closed. */
    private synchronized Pending next() throws InterruptedException {
        while (true) {
            if (closed) {
                return null;
            }
            for (Iterator<Pending> it = waiting.values().iterator(); it.hasNext(); ) {
                Pending pending = it.next();
                if (pending.lane().isEmpty()
                        || !busyLanes.contains(pending.lane().get())) {
                    it.remove();
                    pending.lane().ifPresent(busyLanes::add);
                    running.put(pending.runId(), pending);
                    peakRunning = Math.max(peakRunning, running.size());
                    return pending;
                }
            }
            wait();
        }
    }
}
