package com.optaic.operators.plan;

import com.optaic.common.ErrorCode;
import com.optaic.operators.syntax.ParseException;
import com.optaic.operators.syntax.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a name is resolved: errors point into {@code source}, and macro parameters are looked up in
 * {@code bindings} by their case-insensitive {@link #key(String)}.
 *
 * @param definition the output being compiled
 * @param source the text that error offsets refer to
 * @param bindings the nodes bound to macro parameters in this scope, by key
 * @param macroStack the macros whose bodies are being expanded, outermost first
 * @param argumentOf the macros whose call arguments are being resolved in this scope, outermost first
 * @param label whether the output being compiled is a label, which alone may read the future
 */
record ResolutionScope(
        String definition,
        Source source,
        Map<String, PlanNode> bindings,
        List<String> macroStack,
        List<String> argumentOf,
        boolean label) {
    boolean inMacro() {
        return !macroStack.isEmpty();
    }

    ResolutionScope inArgumentsOf(String macro) {
        List<String> path = new ArrayList<>(argumentOf);
        path.add(macro);
        return new ResolutionScope(definition, source, bindings, macroStack, path, label);
    }

    /** The node bound to this parameter name, or null if the name is not bound here. */
    PlanNode bound(String name) {
        return bindings.get(key(name));
    }

    ParseException error(ErrorCode code, int offset, String what) {
        return new ParseException(code, source, offset, what);
    }

    /** The key of a macro or parameter name: names are matched case-insensitively. */
    static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
