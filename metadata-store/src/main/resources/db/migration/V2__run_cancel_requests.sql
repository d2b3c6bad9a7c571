-- Cancel requests: a RUNNING run may be executing in another process, so `run cancel` records the request here
-- and the executing process, which polls it, stops the work and moves the run to CANCELLED itself.
ALTER TABLE runs ADD COLUMN cancel_requested_at timestamptz;
ALTER TABLE runs ADD COLUMN cancel_requested_by uuid REFERENCES principals (id);
CREATE INDEX runs_cancel_requested ON runs (resource_id) WHERE cancel_requested_at IS NOT NULL AND status = 'RUNNING';
