package com.optaic.jobs.cli;

import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.run.RunProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Shows long work while a command waits for it: the step each run is in, and once Spark runs in this process, its
 * finished / submitted task counts (from a SparkListener). On a terminal ({@code System.console() != null}) it
 * redraws one progress-bar line; otherwise it prints a plain line per change ({@code progress: ...}), which logs and
 * scripts can read.
 */
final class Progress implements RunProgress, AutoCloseable {
    private static final long TICK_MILLIS = 200;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final Thread ticker;
    private final AtomicInteger tasksSubmitted = new AtomicInteger();
    private final AtomicInteger tasksDone = new AtomicInteger();
    private volatile String current = "";
    private String shown = "";
    private SparkSession listenedTo;
    private SparkListener listener;

    private Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.ticker = new Thread(this::tick, "optaic-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** A bar on a terminal, plain lines otherwise. */
    static Progress open(PrintWriter out) {
        return new Progress(out, System.console() != null);
    }

    @Override
    public void step(UUID runId, String description, String step) {
        current = description + ": " + step;
        listenToSpark(); // a session already running is listened to from the first step, not a tick later
        show();
    }

    private void tick() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            listenToSpark();
            show();
        }
    }

    /** Spark starts lazily inside a run; once it does, count its tasks. */
    private synchronized void listenToSpark() {
        if (listener != null || !SparkSessions.isRunning()) {
            return;
        }
        listenedTo = SparkSession.getDefaultSession().get();
        listener = new SparkListener() {
            @Override
            public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
                tasksSubmitted.addAndGet(submitted.stageInfo().numTasks());
                show();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                tasksDone.incrementAndGet();
                show();
            }
        };
        listenedTo.sparkContext().addSparkListener(listener);
    }

    private synchronized void show() {
        int total = tasksSubmitted.get();
        String line = current.isEmpty()
                ? ""
                : current
                        + (total == 0
                                ? ""
                                : String.format(
                                        Locale.ROOT, "  spark tasks %d/%d", Math.min(tasksDone.get(), total), total));
        if (line.isEmpty() || line.equals(shown)) {
            return;
        }
        shown = line;
        if (terminal) {
            int filled = total == 0 ? 0 : BAR_WIDTH * Math.min(tasksDone.get(), total) / total;
            out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + line + "\u001b[K");
        } else {
            out.println("progress: " + line);
        }
        out.flush();
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            show();
            if (listener != null && !listenedTo.sparkContext().isStopped()) {
                listenedTo.sparkContext().removeSparkListener(listener);
            }
            if (terminal && !shown.isEmpty()) {
                out.println();
                out.flush();
            }
        }
    }
}
