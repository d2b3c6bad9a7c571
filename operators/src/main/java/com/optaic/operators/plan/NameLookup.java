package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.OperatorRegistry;
import com.optaic.operators.OperatorSpec;
import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.syntax.Expr;
import com.optaic.operators.syntax.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a panel's fields by name, exactly or case-insensitively when only one field matches, and words the
 * errors for names that match nothing with the closest known names as suggestions.
 */
final class NameLookup {
    private final FieldCatalog fields;
    private final PlanInterner interner;

    NameLookup(FieldCatalog fields, PlanInterner interner) {
        this.fields = requireNonNull(fields, "fields is null");
        this.interner = requireNonNull(interner, "interner is null");
    }

    /** The numeric field of this name. */
    Optional<String> numeric(String name) {
        return match(name, fields.numeric());
    }

    /** Whether the name, with or without its {@code IndClass.} prefix, is a group field. */
    boolean isGroup(String name) {
        return match(stripIndClass(name), fields.groups()).isPresent();
    }

    /** The node of a group argument: a parameter bound to a group, a group field, or a numeric field to group by. */
    PlanNode group(Expr arg, OperatorSpec spec, int index, ResolutionScope scope) {
        if (arg instanceof Expr.Field field) {
            PlanNode bound = scope.bound(field.name());
            if (bound != null && bound.type() == PlanNode.Type.GROUP_INPUT) {
                return bound;
            }
            String name = stripIndClass(field.name());
            Optional<String> group = match(name, fields.groups()).or(() -> match(name, fields.numeric()));
            if (group.isPresent()) {
                return interner.groupInput(group.get());
            }
            throw scope.error(
                    OperatorsErrorCode.UNKNOWN_NAME,
                    field.offset(),
                    "unknown group field '" + field.name() + "'" + suggestion(name, fields.groups())
                            + "; the panel's group fields are " + fields.groups());
        }
        throw scope.error(
                OperatorsErrorCode.BAD_ARGUMENTS,
                arg.offset(),
                spec.name() + " needs a group field such as sector or " + "IndClass.industry as argument " + (index + 1)
                        + "; the panel's group fields are " + fields.groups());
    }

    ParseException groupFieldAsSeries(Expr.Field field, ResolutionScope scope) {
        return scope.error(
                OperatorsErrorCode.BAD_ARGUMENTS,
                field.offset(),
                "'" + field.name()
                        + "' is a group field; it can only be the group argument of GROUP_* operators and IndNeutralize");
    }

    /** The error for a name that is no field, parameter or, where {@code definitions} are visible, definition. */
    ParseException unknownField(Expr.Field field, ResolutionScope scope, Collection<String> definitions) {
        String name = field.name();
        List<String> candidates = new ArrayList<>(fields.all());
        if (!scope.inMacro()) {
            candidates.addAll(definitions);
        }
        candidates.addAll(scope.bindings().keySet().stream()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .toList());
        return scope.error(
                OperatorsErrorCode.UNKNOWN_NAME,
                field.offset(),
                "unknown field '" + name + "'" + suggestion(name, candidates) + "; the panel has " + fields.all());
    }

    static ParseException unknownOperator(Expr.Call call, ResolutionScope scope, Collection<String> known) {
        return scope.error(
                OperatorsErrorCode.UNKNOWN_NAME,
                call.offset(),
                "unknown operator '" + call.name() + "'" + suggestion(call.name(), known)
                        + " (optaic ops list shows them all)");
    }

    static String stripIndClass(String name) {
        return name.regionMatches(true, 0, "IndClass.", 0, 9) ? name.substring(9) : name;
    }

    private static Optional<String> match(String name, Collection<String> candidates) {
        if (candidates.contains(name)) {
            return Optional.of(name);
        }
        List<String> folded =
                candidates.stream().filter(c -> c.equalsIgnoreCase(name)).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    private static String suggestion(String name, Collection<String> candidates) {
        List<String> closest = OperatorRegistry.closest(name, candidates);
        return closest.isEmpty() ? "" : "; did you mean " + String.join(" or ", closest) + "?";
    }
}
