package com.optaic.jobs.run.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The process executing a run attempt: host, pid and the process's start instant (so a recycled pid is not
 * mistaken for the executor). Recorded in the Spring Batch job execution context when the attempt starts, and
 * read by {@code run restart} to tell a dead executor from a live one.
 */
record Executor(String host, long pid, Optional<Instant> started) {
    /** The job execution context key the executor is recorded under. */
    static final String CONTEXT_KEY = "optaic.executor";

    static Executor current() {
        ProcessHandle self = ProcessHandle.current();
        return new Executor(hostName(), self.pid(), self.info().startInstant());
    }

    String encode() {
        return host + "|" + pid + "|" + started.map(Instant::toString).orElse("");
    }

    static Optional<Executor> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        return Optional.of(new Executor(
                parts[0],
                Long.parseLong(parts[1]),
                parts[2].isEmpty() ? Optional.empty() : Optional.of(Instant.parse(parts[2]))));
    }

    boolean onThisHost() {
        return host.equals(hostName());
    }

    /** Whether this executor is a live process on this host (false for another host: unknown from here). */
    boolean aliveHere() {
        if (!onThisHost()) {
            return false;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> started.isEmpty() || p.info().startInstant().equals(started))
                .isPresent();
    }

    @Override
    public String toString() {
        return "pid " + pid + " on " + host;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
