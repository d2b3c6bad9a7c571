package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

/** A new tenant, its root node, and its first administrator, who owns the root. */
public record TenantCreation(Tenant tenant, Resource root, Principal admin) {
    public TenantCreation {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(root, "root is null");
        requireNonNull(admin, "admin is null");
    }
}
