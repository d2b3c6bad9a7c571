CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);
GRANT USAGE ON SCHEMA component_test TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON widgets TO ${appRole};
