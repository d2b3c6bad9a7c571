package com.optaic.metadata.store;

import org.springframework.jdbc.core.JdbcTemplate;

/** The shared machinery every service of one store uses. */
record StoreContext(
        JdbcTemplate jdbc,
        Tx tx,
        AccessControl access,
        ResourceWriter writer,
        LineageWriter lineage,
        Activities activities,
        Guardrails guardrails) {}
