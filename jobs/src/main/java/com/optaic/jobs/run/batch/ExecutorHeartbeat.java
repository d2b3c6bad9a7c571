package com.optaic.jobs.run.batch;

import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the store, every {@link #BEAT}, that this process is still executing its RUNNING runs
 * ({@code RunService.heartbeat}); a run whose beats stop (the process was SIGKILLed, ran out of memory, lost its
 * machine) is failed by {@link StaleRunRecovery} once its last beat is older than the configured limit.
 */
final class ExecutorHeartbeat implements AutoCloseable {
    /** How often the executing process beats; the stale limit must be several beats long. */
    static final Duration BEAT = Duration.ofSeconds(2);

    private final MetadataStore store;
    private final Attempts attempts;
    private final ScheduledExecutorService beater = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "optaic-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private ExecutorHeartbeat(MetadataStore store, Attempts attempts) {
        this.store = store;
        this.attempts = attempts;
    }

    static ExecutorHeartbeat start(MetadataStore store, Attempts attempts) {
        ExecutorHeartbeat heartbeat = new ExecutorHeartbeat(store, attempts);
        heartbeat.beater.scheduleWithFixedDelay(
                heartbeat::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    private void beat() {
        Map<Actor, List<UUID>> byActor = new LinkedHashMap<>();
        for (Map.Entry<UUID, Attempts.Attempt> entry : attempts.current()) {
            if (entry.getValue().runningToken().isPresent()) {
                byActor.computeIfAbsent(entry.getValue().actor(), a -> new ArrayList<>())
                        .add(entry.getKey());
            }
        }
        byActor.forEach((actor, runIds) -> {
            try {
                store.runs().heartbeat(actor, runIds);
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; the next beat tries again, well within the stale limit.
            }
        });
    }

    @Override
    public void close() {
        beater.shutdownNow();
    }
}
