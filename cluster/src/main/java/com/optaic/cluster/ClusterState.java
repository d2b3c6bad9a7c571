package com.optaic.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A local standalone cluster as {@code cluster start} left it in {@code <state dir>/cluster.json}: the master's
 * URL and web UI and the process ids, written as each process starts so that {@code stop} finds them all, also
 * after a start that crashed half-way.
 */
public record ClusterState(
        @JsonProperty("master") String master,
        @JsonProperty("web_ui") String webUi,
        @JsonProperty("master_pid") long masterPid,
        @JsonProperty("workers") List<Worker> workers) {
    public ClusterState {
        requireNonNull(master, "master is null");
        requireNonNull(webUi, "webUi is null");
        workers = List.copyOf(workers);
    }

    /** One worker JVM. */
    public record Worker(
            @JsonProperty("pid") long pid,
            @JsonProperty("web_ui") String webUi) {
        public Worker {
            requireNonNull(webUi, "webUi is null");
        }
    }

    ClusterState withWorker(Worker worker) {
        List<Worker> more = new ArrayList<>(workers);
        more.add(worker);
        return new ClusterState(master, webUi, masterPid, more);
    }

    /** Every process id, workers first (stopping them first spares the master their reconnection attempts). */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        workers.forEach(worker -> pids.add(worker.pid()));
        pids.add(masterPid);
        return pids;
    }
}
