-- Liveness of RUNNING runs: the executing process beats here every few seconds, so a run whose process died
-- (SIGKILL, out of memory, machine lost) is recognised by its old beat and failed by the next `serve` tick or
-- `run status`. A beat is not a change of record (no activity is written for it, unlike the runs table).
CREATE TABLE run_heartbeats (
    run_id    uuid PRIMARY KEY REFERENCES runs (resource_id),
    beat_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
