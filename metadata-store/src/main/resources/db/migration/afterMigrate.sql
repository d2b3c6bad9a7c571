-- Runs after every migrate, as the migration (owner) role. The application role gets plain DML on every
-- table, and loses UPDATE, DELETE and TRUNCATE on activities and denied_attempts and any write on the migration history.
DO $$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), '${appRole}');
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I',
                       current_schema(), '${appRole}');
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), '${appRole}');
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM %I', '${appRole}');
    END IF;
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON activities FROM %I', '${appRole}');
    IF to_regclass('denied_attempts') IS NOT NULL THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON denied_attempts FROM %I', '${appRole}');
    END IF;
END
$$;
