package com.optaic.jobs.run.batch;

import com.optaic.jobs.run.CancellationToken;
import com.optaic.metadata.MetadataStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings cancel requests to the runs executing in this process: every {@link #POLL} it asks the store about the
 * requests of their runs (a request may come from any process) and cancels the token of each requested one. A
 * request made in this process reaches its run at once ({@link #requested}).
 */
final class CancelWatcher implements AutoCloseable {
    /** How often the executing process looks for cancel requests of its running runs. */
    static final Duration POLL = Duration.ofMillis(250);

    private final MetadataStore store;
    private final Attempts attempts;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "optaic-cancel-watch");
        thread.setDaemon(true);
        return thread;
    });

    private CancelWatcher(MetadataStore store, Attempts attempts) {
        this.store = store;
        this.attempts = attempts;
    }

    /** Starts polling for the attempts in {@code attempts}. */
    static CancelWatcher start(MetadataStore store, Attempts attempts) {
        CancelWatcher watcher = new CancelWatcher(store, attempts);
        watcher.poller.scheduleWithFixedDelay(watcher::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** A cancel of the run was just recorded in this process: if it is executing here, it stops now. */
    void requested(UUID runId) {
        attempts.find(runId).flatMap(Attempts.Attempt::runningToken).ifPresent(t -> t.cancel("cancel requested"));
    }

    /** Asks the store about the cancel requests of the runs executing here; a failed poll is retried on the next. */
    private void poll() {
        for (Map.Entry<UUID, Attempts.Attempt> entry : attempts.current()) {
            Optional<CancellationToken> token = entry.getValue().runningToken();
            if (token.isEmpty() || token.get().isCancelled()) {
                continue;
            }
            try {
                store.runs()
                        .cancelRequested(entry.getValue().actor(), entry.getKey())
                        .ifPresent(at -> token.get().cancel("cancel requested at " + at));
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; the run's own steps will report that if it lasts.
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
