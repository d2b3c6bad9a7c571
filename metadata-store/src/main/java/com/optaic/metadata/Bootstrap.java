package com.optaic.metadata;

import java.util.List;

/**
 * Creates, idempotently, the system tenant, its administrator, tenant root, system space with official and
 * staging subspaces, system project, the default role permissions, and one deployed Definition per built-in
 * plugin. Safe to run from several processes at once.
 */
public interface Bootstrap {
    BootstrapResult run(List<BuiltinDefinition> builtins);
}
