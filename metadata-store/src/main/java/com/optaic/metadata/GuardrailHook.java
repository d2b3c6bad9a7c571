package com.optaic.metadata;

/** The lifecycle gates at which guardrails run. */
public enum GuardrailHook {
    CREATE,
    UPDATE,
    PROMOTE,
    DEPLOY
}
