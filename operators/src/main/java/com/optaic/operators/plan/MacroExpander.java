package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.OperatorRegistry;
import com.optaic.operators.OperatorSpec;
import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.syntax.Expr;
import com.optaic.operators.syntax.ParseException;
import com.optaic.operators.syntax.Parser;
import com.optaic.operators.syntax.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Expands a call of a macro, or of a built-in operator defined by an expansion, by resolving its body with the
 * parameters bound to the call's arguments. Refuses a macro that takes a built-in operator's name, is defined
 * twice, calls itself, or is called with the wrong number of arguments.
 */
final class MacroExpander {
    private final OperatorRegistry registry;
    private final PlanInterner interner;
    private final BiFunction<Expr, ResolutionScope, PlanNode> resolve;
    private final Map<String, Macro> macros = new LinkedHashMap<>();
    /** Parsed bodies of built-in operators defined by an expansion, by operator name. */
    private final Map<String, Expr> expansions = new HashMap<>();

    /** {@code resolve} resolves a body or an argument in a scope; it is the compiler's own recursion. */
    MacroExpander(
            OperatorRegistry registry, PlanInterner interner, BiFunction<Expr, ResolutionScope, PlanNode> resolve) {
        this.registry = requireNonNull(registry, "registry is null");
        this.interner = requireNonNull(interner, "interner is null");
        this.resolve = requireNonNull(resolve, "resolve is null");
    }

    void add(Macro macro) {
        String key = ResolutionScope.key(macro.name());
        if (registry.find(macro.name()).isPresent()) {
            throw new ParseException(
                    OperatorsErrorCode.BAD_DEFINITION,
                    macro.source(),
                    0,
                    "macro " + macro.name() + " has the name of a built-in operator; choose another name");
        }
        if (macros.containsKey(key)) {
            throw new ParseException(
                    OperatorsErrorCode.BAD_DEFINITION,
                    macro.source(),
                    0,
                    "macro " + macro.name() + " is defined twice");
        }
        macros.put(key, macro);
    }

    Optional<Macro> find(String name) {
        return Optional.ofNullable(macros.get(ResolutionScope.key(name)));
    }

    /** The macros' names, in the order they were added. */
    List<String> names() {
        return macros.values().stream().map(Macro::name).toList();
    }

    PlanNode expand(Macro macro, Expr.Call call, ResolutionScope scope) {
        if (scope.macroStack().contains(macro.name())) {
            List<String> cycle = new ArrayList<>(scope.macroStack());
            cycle.add(macro.name());
            throw scope.error(
                    OperatorsErrorCode.BAD_DEFINITION,
                    call.offset(),
                    "macro " + macro.name() + " calls itself: "
                            + String.join(" -> ", cycle.subList(cycle.indexOf(macro.name()), cycle.size())));
        }
        if (call.args().size() != macro.params().size()) {
            throw scope.error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    call.offset(),
                    "macro " + macro.name() + " takes "
                            + macro.params().size() + " arguments (" + String.join(", ", macro.params()) + "), but got "
                            + call.args().size());
        }
        Map<String, PlanNode> bindings = new HashMap<>();
        ResolutionScope arguments = scope.inArgumentsOf(macro.name());
        for (int i = 0; i < macro.params().size(); i++) {
            bindings.put(
                    ResolutionScope.key(macro.params().get(i)),
                    resolve.apply(call.args().get(i), arguments));
        }
        List<String> stack = new ArrayList<>(scope.macroStack());
        stack.add(macro.name());
        return resolve.apply(
                macro.body(),
                new ResolutionScope(scope.definition(), macro.source(), bindings, stack, List.of(), scope.label()));
    }

    /** Expands a built-in operator defined by {@link OperatorSpec#expansion()}, its first parameter bound to the window. */
    PlanNode expandBuiltin(OperatorSpec spec, Expr.Call call, int window, ResolutionScope scope) {
        Source source = new Source("(definition of " + spec.name() + ")", spec.expansion(), 1, 1);
        Expr body = expansions.computeIfAbsent(spec.name(), n -> Parser.parse(source));
        Map<String, PlanNode> bindings =
                Map.of(ResolutionScope.key(spec.params().get(0).name()), interner.constant(window));
        try {
            return resolve.apply(
                    body,
                    new ResolutionScope(
                            scope.definition(), source, bindings, List.of(spec.name()), List.of(), scope.label()));
        } catch (ParseException e) {
            throw scope.error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    call.offset(),
                    spec.name() + " is " + spec.expansion() + " and cannot be computed here: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
