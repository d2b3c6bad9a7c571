package com.optaic.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small shared pool for decoding and encoding file chunks in parallel: one daemon thread per core. Tasks
 * started from a pool thread run inline, so nested use cannot deadlock.
 */
final class IoTasks {
    /** A unit of work that may fail with an I/O error. */
    @FunctionalInterface
    interface Task<T> {
        T call() throws IOException;
    }

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ThreadGroup GROUP = new ThreadGroup("optaic-io");
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, new DaemonThreads());

    private IoTasks() {}

    static int parallelism() {
        return THREADS;
    }

    /** Submits a task; run it inline instead when called from a pool thread. */
    static <T> Future<T> submit(Task<T> task) {
        if (onPoolThread()) {
            CompletableFuture<T> done = new CompletableFuture<>();
            try {
                done.complete(task.call());
            } catch (IOException | RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
            return done;
        }
        return POOL.submit(() -> task.call());
    }

    /** Runs the tasks in parallel and returns their results in order; the first failure cancels the rest. */
    static <T> List<T> invokeAll(List<? extends Task<T>> tasks) throws IOException {
        if (tasks.size() <= 1 || onPoolThread()) {
            List<T> results = new ArrayList<>(tasks.size());
            for (Task<T> task : tasks) {
                results.add(task.call());
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Task<T> task : tasks) {
            futures.add(POOL.submit(() -> task.call()));
        }
        List<T> results = new ArrayList<>(tasks.size());
        try {
            for (Future<T> future : futures) {
                results.add(await(future));
            }
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
        return results;
    }

    /** Waits for a task and rethrows its failure as thrown. */
    static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (CancellationException e) {
            throw new IOException("cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static boolean onPoolThread() {
        return Thread.currentThread().getThreadGroup() == GROUP;
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(GROUP, runnable, "optaic-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
