-- Refused attempts (permission denied, not found because hidden, a bad or blank token): an append-only audit that
-- auditors read with `optaic activity --denied`. Rate-limited per (who, operation): beyond the limit per minute
-- an attempt only counts in denied_suppressed, and the next recorded one carries that count, so a flood of
-- refusals cannot fill the disk yet is not hidden.
CREATE TABLE denied_attempts (
    id                 bigserial PRIMARY KEY,
    at                 timestamptz NOT NULL DEFAULT clock_timestamp(),
    tenant_id          uuid,
    principal_id       uuid,
    token_prefix       text CHECK (token_prefix IS NULL OR length(token_prefix) <= 16),
    who                text NOT NULL CHECK (length(who) <= 100),
    operation          text NOT NULL CHECK (length(operation) <= 200),
    target_id          uuid,
    reason             text NOT NULL CHECK (length(reason) <= 2000),
    suppressed_before  bigint NOT NULL DEFAULT 0 CHECK (suppressed_before >= 0),
    CHECK (principal_id IS NOT NULL OR token_prefix IS NOT NULL)
);
CREATE INDEX denied_attempts_tenant ON denied_attempts (tenant_id, id);
CREATE INDEX denied_attempts_rate ON denied_attempts (who, operation, at);

CREATE FUNCTION denied_attempts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'denied attempts are append-only: % refused', TG_OP USING ERRCODE = 'OP003';
END
$$;
CREATE TRIGGER denied_attempts_no_update BEFORE UPDATE OR DELETE ON denied_attempts
    FOR EACH ROW EXECUTE FUNCTION denied_attempts_append_only();
CREATE TRIGGER denied_attempts_no_truncate BEFORE TRUNCATE ON denied_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION denied_attempts_append_only();

-- Attempts not recorded because of the rate limit, since the last recorded one of the same (who, operation).
CREATE TABLE denied_suppressed (
    who        text NOT NULL,
    operation  text NOT NULL,
    count      bigint NOT NULL CHECK (count > 0),
    PRIMARY KEY (who, operation)
);
