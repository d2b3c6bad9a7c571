-- OptAIC metadata store, schema version 1.
-- Conventions: every table that records a mutation is guarded by require_activity(), a deferred
-- constraint trigger that refuses to commit a transaction that changed it without writing an activity.
-- Custom SQLSTATEs raised here: OP001 immutable row, OP002 illegal state transition,
-- OP003 append-only table, OP004 mutation without activity, OP005 tree violation.

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 255),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE principals (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    kind          text NOT NULL CHECK (kind IN ('user', 'service_account')),
    email         text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 320),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 255),
    status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    row_version   bigint NOT NULL DEFAULT 1,
    UNIQUE (id, tenant_id),
    CHECK (kind <> 'user' OR email IS NOT NULL)
);
CREATE UNIQUE INDEX principals_email_uq ON principals (tenant_id, lower(email)) WHERE email IS NOT NULL;

CREATE TABLE api_tokens (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    principal_id  uuid NOT NULL,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    FOREIGN KEY (principal_id, tenant_id) REFERENCES principals (id, tenant_id)
);
CREATE INDEX api_tokens_principal ON api_tokens (principal_id);

-- Every node of the tree. path is the materialised list of ancestor ids ending with the node itself,
-- maintained by a trigger; access checks read it to find inherited grants in one indexed query.
CREATE TABLE resources (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    parent_id      uuid,
    resource_type  text NOT NULL CHECK (resource_type IN (
        'TenantRoot', 'Space', 'Subspace', 'Project',
        'PipelineDef', 'StoreDef', 'AccessorDef', 'OpDef', 'OpMacroDef', 'MLModuleDef', 'PortfolioOptimizerDef',
        'DatasetInstance', 'SignalInstance', 'ExperimentInstance', 'ModelInstance', 'PortfolioOptimizerInstance',
        'BacktestInstance',
        'PipelineRun', 'ExperimentRun', 'BacktestRun', 'PortfolioOptimizationRun', 'TrainingRun', 'InferenceRun',
        'MonitoringRun')),
    name           text COLLATE "C" NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    kind           text,
    owner_id       uuid NOT NULL,
    status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    description    text NOT NULL DEFAULT '',
    tags           text[] NOT NULL DEFAULT '{}',
    settings       jsonb NOT NULL DEFAULT '{}',
    path           uuid[] NOT NULL,
    depth          int NOT NULL,
    created_by     uuid NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    row_version    bigint NOT NULL DEFAULT 1,
    UNIQUE (id, tenant_id),
    FOREIGN KEY (parent_id, tenant_id) REFERENCES resources (id, tenant_id),
    FOREIGN KEY (owner_id, tenant_id) REFERENCES principals (id, tenant_id),
    FOREIGN KEY (created_by, tenant_id) REFERENCES principals (id, tenant_id),
    CHECK ((parent_id IS NULL) = (resource_type = 'TenantRoot')),
    CHECK (CASE resource_type
               WHEN 'Space' THEN kind IN ('personal', 'team', 'system')
               WHEN 'Subspace' THEN kind IN ('official', 'staging', 'custom')
               ELSE kind IS NULL END)
);
CREATE UNIQUE INDEX resources_sibling_name_uq ON resources (parent_id, name);
CREATE UNIQUE INDEX resources_one_root_per_tenant ON resources (tenant_id) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX resources_one_official_staging ON resources (parent_id, kind)
    WHERE resource_type = 'Subspace' AND kind IN ('official', 'staging');
CREATE INDEX resources_path_gin ON resources USING gin (path);
CREATE INDEX resources_tags_gin ON resources USING gin (tags);
CREATE INDEX resources_tenant_name ON resources (tenant_id, name, id);

CREATE FUNCTION resources_maintain_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_path   uuid[];
    parent_tenant uuid;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id <> OLD.id OR NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.tenant_id <> OLD.tenant_id
           OR NEW.resource_type <> OLD.resource_type OR NEW.path <> OLD.path OR NEW.depth <> OLD.depth
           OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.created_at <> OLD.created_at
           OR NEW.created_by <> OLD.created_by THEN
            RAISE EXCEPTION 'resource % cannot be moved, retyped or re-created', OLD.id USING ERRCODE = 'OP001';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.parent_id IS NULL THEN
        NEW.path := ARRAY[NEW.id];
    ELSE
        -- Look up by primary key only: a tenant condition here lets the planner pick a tenant-wide scan.
        SELECT r.path, r.tenant_id INTO parent_path, parent_tenant FROM resources r WHERE r.id = NEW.parent_id;
        IF parent_path IS NULL OR parent_tenant <> NEW.tenant_id THEN
            RAISE EXCEPTION 'parent % of resource % does not exist', NEW.parent_id, NEW.id USING ERRCODE = 'OP005';
        END IF;
        NEW.path := parent_path || NEW.id;
    END IF;
    NEW.depth := cardinality(NEW.path);
    RETURN NEW;
END
$$;
CREATE TRIGGER resources_path BEFORE INSERT OR UPDATE ON resources
    FOR EACH ROW EXECUTE FUNCTION resources_maintain_path();

CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'OP001';
END
$$;
CREATE TRIGGER resources_no_delete BEFORE DELETE ON resources FOR EACH ROW EXECUTE FUNCTION refuse_delete();

-- Access control. Roles are fixed; their permissions are seeded by the bootstrap.
CREATE TABLE role_permissions (
    role        text NOT NULL CHECK (role IN ('owner', 'operator', 'viewer', 'auditor')),
    permission  text NOT NULL CHECK (permission IN
        ('read', 'create', 'update', 'delete', 'run', 'promote', 'grant', 'audit-read')),
    PRIMARY KEY (role, permission)
);

CREATE TABLE grants (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    resource_id   uuid NOT NULL,
    principal_id  uuid NOT NULL,
    role          text NOT NULL CHECK (role IN ('owner', 'operator', 'viewer', 'auditor')),
    granted_by    uuid NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (resource_id, tenant_id) REFERENCES resources (id, tenant_id),
    FOREIGN KEY (principal_id, tenant_id) REFERENCES principals (id, tenant_id),
    UNIQUE (principal_id, resource_id, role)
);
CREATE INDEX grants_resource ON grants (resource_id);

-- Definitions: a code_ref and immutable numbered versions.
CREATE TABLE definitions (
    resource_id     uuid PRIMARY KEY REFERENCES resources (id),
    code_ref        text NOT NULL CHECK (length(code_ref) BETWEEN 1 AND 255),
    latest_version  int NOT NULL DEFAULT 0
);
CREATE INDEX definitions_code_ref ON definitions (code_ref);

CREATE TABLE definition_versions (
    id                 uuid PRIMARY KEY,
    definition_id      uuid NOT NULL REFERENCES definitions (resource_id),
    version            int NOT NULL CHECK (version >= 1),
    code_ref           text NOT NULL,
    config_schema      jsonb NOT NULL,
    spec               jsonb NOT NULL,
    content_hash       text NOT NULL,
    code_version       text NOT NULL,
    status             text NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('submitted', 'evaluated', 'deployed', 'deprecated')),
    evaluation         jsonb,
    created_by         uuid NOT NULL REFERENCES principals (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    status_changed_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (definition_id, version)
);

CREATE FUNCTION definition_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.definition_id <> OLD.definition_id OR NEW.version <> OLD.version
       OR NEW.code_ref <> OLD.code_ref OR NEW.config_schema <> OLD.config_schema OR NEW.spec <> OLD.spec
       OR NEW.content_hash <> OLD.content_hash OR NEW.code_version <> OLD.code_version
       OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'definition version % is immutable', OLD.id USING ERRCODE = 'OP001';
    END IF;
    IF NEW.status <> OLD.status AND NOT (
           (OLD.status = 'submitted' AND NEW.status IN ('evaluated', 'deprecated'))
        OR (OLD.status = 'evaluated' AND NEW.status IN ('evaluated', 'deployed', 'deprecated'))
        OR (OLD.status = 'deployed' AND NEW.status = 'deprecated')) THEN
        RAISE EXCEPTION 'definition version % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'OP002';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER definition_versions_immutable BEFORE UPDATE ON definition_versions
    FOR EACH ROW EXECUTE FUNCTION definition_versions_guard();
CREATE TRIGGER definition_versions_no_delete BEFORE DELETE ON definition_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_delete();

-- Instances: a config validated against the pinned definition versions; a new version on every change.
CREATE TABLE instances (
    resource_id      uuid PRIMARY KEY REFERENCES resources (id),
    current_version  int NOT NULL,
    current_config   jsonb NOT NULL,
    schedule_cron    text,
    schedule_zone    text,
    CHECK ((schedule_cron IS NULL) = (schedule_zone IS NULL))
);
CREATE INDEX instances_scheduled ON instances (resource_id) WHERE schedule_cron IS NOT NULL;

CREATE TABLE instance_versions (
    instance_id  uuid NOT NULL REFERENCES instances (resource_id),
    version      int NOT NULL CHECK (version >= 1),
    config       jsonb NOT NULL,
    created_by   uuid NOT NULL REFERENCES principals (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, version)
);

CREATE TABLE instance_version_pins (
    instance_id            uuid NOT NULL,
    version                int NOT NULL,
    slot                   text NOT NULL CHECK (length(slot) BETWEEN 1 AND 64),
    definition_version_id  uuid NOT NULL REFERENCES definition_versions (id),
    PRIMARY KEY (instance_id, version, slot),
    FOREIGN KEY (instance_id, version) REFERENCES instance_versions (instance_id, version)
);
CREATE INDEX instance_version_pins_definition ON instance_version_pins (definition_version_id);

CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'OP001';
END
$$;
CREATE TRIGGER instance_versions_immutable BEFORE UPDATE OR DELETE ON instance_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_update();
CREATE TRIGGER instance_version_pins_immutable BEFORE UPDATE OR DELETE ON instance_version_pins
    FOR EACH ROW EXECUTE FUNCTION refuse_update();

-- Runs: the snapshot they execute and a state machine enforced here.
CREATE TABLE runs (
    resource_id       uuid PRIMARY KEY REFERENCES resources (id),
    instance_id       uuid NOT NULL,
    instance_version  int NOT NULL,
    status            text NOT NULL DEFAULT 'QUEUED'
        CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    trigger           text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'api', 'backfill')),
    nominal_date      date,
    snapshot          jsonb NOT NULL,
    attempt           int NOT NULL DEFAULT 1,
    queued_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    started_at        timestamptz,
    ended_at          timestamptz,
    error             text,
    metrics           jsonb NOT NULL DEFAULT '{}',
    row_version       bigint NOT NULL DEFAULT 1,
    FOREIGN KEY (instance_id, instance_version) REFERENCES instance_versions (instance_id, version),
    UNIQUE (instance_id, nominal_date),
    CHECK (trigger NOT IN ('schedule', 'backfill') OR nominal_date IS NOT NULL)
);
CREATE INDEX runs_instance ON runs (instance_id, queued_at);
CREATE INDEX runs_status ON runs (status) WHERE status IN ('QUEUED', 'RUNNING');

CREATE FUNCTION runs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'QUEUED' THEN
            RAISE EXCEPTION 'a run starts QUEUED, not %', NEW.status USING ERRCODE = 'OP002';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.resource_id <> OLD.resource_id OR NEW.instance_id <> OLD.instance_id
       OR NEW.instance_version <> OLD.instance_version OR NEW.trigger <> OLD.trigger
       OR NEW.nominal_date IS DISTINCT FROM OLD.nominal_date OR NEW.snapshot <> OLD.snapshot
       OR NEW.queued_at <> OLD.queued_at THEN
        RAISE EXCEPTION 'the snapshot of run % is immutable', OLD.resource_id USING ERRCODE = 'OP001';
    END IF;
    IF NEW.status <> OLD.status AND NOT (
           (OLD.status = 'QUEUED' AND NEW.status IN ('RUNNING', 'CANCELLED'))
        OR (OLD.status = 'RUNNING' AND NEW.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED'))
        OR (OLD.status = 'FAILED' AND NEW.status = 'QUEUED')) THEN
        RAISE EXCEPTION 'run % cannot go from % to %', OLD.resource_id, OLD.status, NEW.status
            USING ERRCODE = 'OP002';
    END IF;
    IF NEW.metrics <> OLD.metrics AND OLD.status <> 'RUNNING' THEN
        RAISE EXCEPTION 'metrics of run % can only be recorded while it is RUNNING, not %', OLD.resource_id, OLD.status
            USING ERRCODE = 'OP002';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER runs_state_machine BEFORE INSERT OR UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION runs_guard();
CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs FOR EACH ROW EXECUTE FUNCTION refuse_delete();

-- Data versions: immutable manifests of Parquet files, and aliases with history.
CREATE TABLE data_versions (
    id                   uuid PRIMARY KEY,
    dataset_id           uuid NOT NULL REFERENCES resources (id),
    version              int NOT NULL CHECK (version >= 1),
    manifest             jsonb NOT NULL,
    row_count            bigint NOT NULL CHECK (row_count >= 0),
    min_date             date,
    max_date             date,
    data_schema          jsonb NOT NULL,
    previous_version_id  uuid REFERENCES data_versions (id),
    produced_by_run_id   uuid REFERENCES runs (resource_id),
    created_by           uuid NOT NULL REFERENCES principals (id),
    created_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (dataset_id, version),
    CHECK (min_date IS NULL OR max_date IS NULL OR min_date <= max_date)
);
CREATE INDEX data_versions_run ON data_versions (produced_by_run_id) WHERE produced_by_run_id IS NOT NULL;
CREATE TRIGGER data_versions_immutable BEFORE UPDATE OR DELETE ON data_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_update();

CREATE TABLE data_aliases (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_id       uuid NOT NULL REFERENCES resources (id),
    alias            text COLLATE "C" NOT NULL CHECK (alias ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    data_version_id  uuid NOT NULL REFERENCES data_versions (id),
    valid_from       timestamptz NOT NULL DEFAULT clock_timestamp(),
    valid_to         timestamptz,
    set_by           uuid NOT NULL REFERENCES principals (id),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX data_aliases_current ON data_aliases (dataset_id, alias) WHERE valid_to IS NULL;
CREATE INDEX data_aliases_history ON data_aliases (dataset_id, alias, valid_from);

CREATE FUNCTION data_aliases_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.dataset_id <> OLD.dataset_id OR NEW.alias <> OLD.alias
       OR NEW.data_version_id <> OLD.data_version_id OR NEW.valid_from <> OLD.valid_from
       OR NEW.set_by <> OLD.set_by OR OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL THEN
        RAISE EXCEPTION 'alias history is append-only: only an open assignment may be closed' USING ERRCODE = 'OP001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER data_aliases_history_only BEFORE UPDATE ON data_aliases
    FOR EACH ROW EXECUTE FUNCTION data_aliases_guard();
CREATE TRIGGER data_aliases_no_delete BEFORE DELETE ON data_aliases
    FOR EACH ROW EXECUTE FUNCTION refuse_delete();

-- Lineage: edges point from upstream to downstream.
CREATE TABLE lineage_edges (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    upstream_kind    text NOT NULL CHECK (upstream_kind IN ('resource', 'definition_version', 'data_version')),
    upstream_id      uuid NOT NULL,
    downstream_kind  text NOT NULL CHECK (downstream_kind IN ('resource', 'definition_version', 'data_version')),
    downstream_id    uuid NOT NULL,
    edge_type        text NOT NULL CHECK (edge_type IN ('derived_from', 'copied_from', 'consumed', 'produced')),
    created_by       uuid NOT NULL REFERENCES principals (id),
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (upstream_id, downstream_id, edge_type),
    CHECK (upstream_id <> downstream_id)
);
CREATE INDEX lineage_edges_downstream ON lineage_edges (downstream_id);
CREATE TRIGGER lineage_edges_immutable BEFORE UPDATE OR DELETE ON lineage_edges
    FOR EACH ROW EXECUTE FUNCTION refuse_update();

-- Signals: a dataset registered for validation and promotion.
CREATE TABLE signals (
    resource_id          uuid PRIMARY KEY REFERENCES resources (id),
    dataset_id           uuid NOT NULL REFERENCES resources (id),
    data_version_id      uuid NOT NULL REFERENCES data_versions (id),
    validation_status    text NOT NULL DEFAULT 'unvalidated'
        CHECK (validation_status IN ('unvalidated', 'passed', 'failed')),
    validation_run_id    uuid REFERENCES runs (resource_id),
    validation_report    jsonb,
    promoted_from        uuid REFERENCES resources (id),
    row_version          bigint NOT NULL DEFAULT 1
);

-- Activities: append-only. Nothing may update, delete or truncate them, whichever role asks.
CREATE TABLE activities (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    actor_id     uuid NOT NULL REFERENCES principals (id),
    verb         text NOT NULL CHECK (verb ~ '^[a-z_]+\.[a-z_]+$'),
    target_kind  text NOT NULL,
    target_id    uuid NOT NULL,
    before       jsonb,
    after        jsonb,
    request_id   text CHECK (request_id IS NULL OR length(request_id) <= 255),
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    tx_id        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX activities_target ON activities (target_id, id);
CREATE INDEX activities_tenant ON activities (tenant_id, id);
CREATE INDEX activities_tx ON activities (tx_id);

CREATE FUNCTION activities_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'activities are append-only: % refused', TG_OP USING ERRCODE = 'OP003';
END
$$;
CREATE TRIGGER activities_no_update BEFORE UPDATE OR DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION activities_append_only();
CREATE TRIGGER activities_no_truncate BEFORE TRUNCATE ON activities
    FOR EACH STATEMENT EXECUTE FUNCTION activities_append_only();

CREATE FUNCTION require_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM activities WHERE tx_id = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'a change to % was not recorded as an activity in the same transaction', TG_TABLE_NAME
            USING ERRCODE = 'OP004';
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'principals', 'api_tokens', 'resources', 'grants', 'role_permissions',
        'definitions', 'definition_versions', 'instances', 'instance_versions', 'instance_version_pins', 'runs',
        'data_versions', 'data_aliases', 'lineage_edges', 'signals'] LOOP
        EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_activity()',
                       t || '_require_activity', t);
    END LOOP;
END
$$;
