package com.optaic.metadata;

import java.util.UUID;

/** The fixed ids the bootstrap creates, the same in every installation. */
public final class SystemIds {
    public static final UUID SYSTEM_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    public static final UUID SYSTEM_SPACE = UUID.fromString("00000000-0000-0000-0000-000000000002");
    public static final UUID SYSTEM_PRINCIPAL = UUID.fromString("00000000-0000-0000-0000-000000000003");
    public static final UUID SYSTEM_TENANT_ROOT = UUID.fromString("00000000-0000-0000-0000-000000000010");
    public static final UUID SYSTEM_OFFICIAL_SUBSPACE = UUID.fromString("00000000-0000-0000-0000-000000000011");
    public static final UUID SYSTEM_STAGING_SUBSPACE = UUID.fromString("00000000-0000-0000-0000-000000000012");
    public static final UUID SYSTEM_PROJECT = UUID.fromString("00000000-0000-0000-0000-000000000013");
    public static final String SYSTEM_PRINCIPAL_EMAIL = "admin@optaic.local";

    /** The system principal acting in the system tenant. */
    public static final Actor SYSTEM_ACTOR = Actor.of(SYSTEM_PRINCIPAL, SYSTEM_TENANT);

    private SystemIds() {}
}
