package com.optaic.metadata;

import java.util.EnumSet;
import java.util.Set;

/**
 * Run state: QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED. A queued run may also be cancelled, and a
 * failed run may be queued again to resume it (its attempt count goes up). The database enforces the same
 * table, so no writer can skip it.
 */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public Set<RunStatus> allowedNext() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, CANCELLED);
            case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED);
            case FAILED -> EnumSet.of(QUEUED);
            case SUCCEEDED, CANCELLED -> EnumSet.noneOf(RunStatus.class);
        };
    }

    public boolean canMoveTo(RunStatus next) {
        return allowedNext().contains(next);
    }
}
