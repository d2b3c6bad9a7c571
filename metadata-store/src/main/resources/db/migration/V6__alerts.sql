-- Alerts: what a MonitoringRun found (a feature's PSI over a threshold, a drift verdict, a dataset drift),
-- written in the run's publish transaction beside an 'alert.raised' activity. Rows are never updated.
CREATE TABLE alerts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    run_id       uuid NOT NULL REFERENCES resources (id),
    instance_id  uuid NOT NULL REFERENCES resources (id),
    severity     text NOT NULL CHECK (severity IN ('warn', 'alert')),
    feature      text NOT NULL CHECK (length(feature) BETWEEN 1 AND 255),
    metric       text NOT NULL CHECK (length(metric) BETWEEN 1 AND 64),
    value        double precision NOT NULL,
    threshold    double precision NOT NULL,
    time_window  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX alerts_run ON alerts (run_id);
CREATE INDEX alerts_tenant ON alerts (tenant_id, id);
