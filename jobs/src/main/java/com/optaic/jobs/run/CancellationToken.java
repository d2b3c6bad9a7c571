package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells a run's work that the run was cancelled. The frame cancels it when a cancel request for the run reaches the
 * executing process; the work checks it between phases ({@link #throwIfCancelled}) and registers hooks that stop
 * work it cannot check itself ({@link #onCancel}: a Spark job group, a child process). Once cancelled it stays
 * cancelled. Thread-safe.
 */
public final class CancellationToken {
    /** Undoes an {@link #onCancel} registration when the work it stops is over. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final String what;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private volatile String reason;

    /** @param what the work this token cancels, for messages ({@code "ExperimentRun 1234..."}) */
    public CancellationToken(String what) {
        this.what = requireNonNull(what, "what is null");
    }

    /** A token nobody cancels, for work outside a run (previews, benchmarks). */
    public static CancellationToken none() {
        return new CancellationToken("work");
    }

    /** The work this token cancels, as given. */
    public String label() {
        return what;
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Throws {@link JobsErrorCode#RUN_CANCELLED} if cancelled; call it between phases of long work. */
    public void throwIfCancelled() {
        String why = reason;
        if (why != null) {
            throw new OptaicException(JobsErrorCode.RUN_CANCELLED, what + " was cancelled: " + why);
        }
    }

    /**
     * Runs {@code hook} when the token is cancelled (at once if it already is), in the cancelling thread. A hook
     * must be quick and must not throw; close the registration when the work it stops has ended.
     */
    public Registration onCancel(Runnable hook) {
        requireNonNull(hook, "hook is null");
        hooks.add(hook);
        if (isCancelled() && hooks.remove(hook)) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /** Cancels (the first reason wins) and runs the registered hooks once. */
    public void cancel(String why) {
        requireNonNull(why, "why is null");
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        for (Runnable hook : hooks) {
            if (hooks.remove(hook)) {
                hook.run();
            }
        }
    }
}
