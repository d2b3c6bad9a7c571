package com.optaic.metadata;

import java.util.Optional;
import java.util.Set;

/**
 * A rule that may block a change at one or more lifecycle gates. Implementations are pure functions of the
 * context: they run inside the store's transaction and must not block or touch the database. A failure blocks
 * the change and its reason is shown to the user next to the rule's name.
 */
public interface Guardrail {
    /** A short, stable rule name such as {@code config-schema}. */
    String name();

    Set<GuardrailHook> hooks();

    /** Why the change must not go ahead, or empty if it may. */
    Optional<String> check(GuardrailContext context);
}
