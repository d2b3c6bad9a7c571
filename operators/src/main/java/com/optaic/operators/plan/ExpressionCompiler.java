package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

import com.optaic.common.ErrorCode;
import com.optaic.operators.BuiltinOperators;
import com.optaic.operators.OperatorKind;
import com.optaic.operators.OperatorRegistry;
import com.optaic.operators.OperatorSpec;
import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.Param;
import com.optaic.operators.kernels.ElementwiseKernel;
import com.optaic.operators.plan.PlanNode.Type;
import com.optaic.operators.syntax.Expr;
import com.optaic.operators.syntax.ParseException;
import com.optaic.operators.syntax.Parser;
import com.optaic.operators.syntax.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns named expressions into a {@link Program}: resolves operator names and aliases, Alpha101's
 * overloads ({@code min(x, 5)} is TS_MIN, {@code rank(x, 5)} is TS_RANK), fields ({@code $close},
 * {@code IndClass.sector}, {@code adv20}, a derived {@code returns}), macros and earlier definitions;
 * checks arity, constant windows and future reads; folds constants; computes lookbacks; and interns every
 * subexpression so each distinct computation happens once.
 *
 * <p>One compiler builds one program; it is not thread-safe.
 */
public final class ExpressionCompiler {
    /**
     * The deepest an expression may nest once macros are expanded (each macro body is itself at most
     * {@link Parser#MAX_DEPTH} deep): the compiler recurses along it, and this keeps it far from the end of a
     * thread's stack.
     */
    public static final int MAX_DEPTH = 250;
    /**
     * The most syntax nodes one expression may resolve once macros are expanded (a macro expands at each use, so
     * ten levels of {@code DEF D(x) = C(x) * C(x)} make a thousand copies): beyond it, compiling would take time and
     * memory that grow with the expansion, not with the distinct computations.
     */
    public static final int MAX_EXPANSION = 200_000;

    private static final Pattern ADV = Pattern.compile("(?i)adv(\\d+)");
    private static final Source RETURNS = new Source("(definition of returns)", "close / REF(close, 1) - 1", 1, 1);

    private final OperatorRegistry registry;
    private final FieldCatalog fields;
    private final Map<String, Macro> macros = new LinkedHashMap<>();
    private final Map<String, PlanNode> interned = new HashMap<>();
    private final List<PlanNode> nodes = new ArrayList<>();
    private final Map<String, PlanNode> outputs = new LinkedHashMap<>();
    /** The outputs declared as labels: sinks, which only other labels may read. */
    private final Set<String> labels = new HashSet<>();

    private final Map<String, Expr> expansions = new HashMap<>();
    private int depth;
    /** Syntax nodes resolved for the current definition, macro expansions included. */
    private int expanded;

    public ExpressionCompiler(OperatorRegistry registry, FieldCatalog fields) {
        this.registry = requireNonNull(registry, "registry is null");
        this.fields = requireNonNull(fields, "fields is null");
    }

    public ExpressionCompiler(FieldCatalog fields) {
        this(BuiltinOperators.registry(), fields);
    }

    /** Compiles the definitions in order; a definition may use the ones before it by name. */
    public static Program compile(FieldCatalog fields, List<Macro> macros, List<Definition> definitions) {
        ExpressionCompiler compiler = new ExpressionCompiler(fields);
        macros.forEach(compiler::macro);
        return compiler.compile(definitions);
    }

    /**
     * Checks what can be checked before the panel is known: syntax, operators and their arguments, future reads,
     * labels, macros, depth and expansion size. Every name that is not an operator, a macro or an earlier
     * definition is taken for a numeric field, so only unknown fields are left for {@link #compile(FieldCatalog,
     * List, List)} against the real schema.
     */
    public static Program checkWithoutSchema(List<Macro> macros, List<Definition> definitions) {
        Set<String> names = new HashSet<>();
        macros.forEach(macro -> collectNames(macro.body(), names));
        definitions.forEach(definition -> collectNames(Parser.parse(definition.source()), names));
        return compile(new FieldCatalog(names, Set.of()), macros, definitions);
    }

    private static void collectNames(Expr expr, Set<String> names) {
        if (expr instanceof Expr.Field field) {
            names.add(field.name());
            names.add(stripIndClass(field.name()));
        } else if (expr instanceof Expr.Call call) {
            call.args().forEach(arg -> collectNames(arg, names));
        }
    }

    public ExpressionCompiler macro(Macro macro) {
        String key = key(macro.name());
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
        return this;
    }

    public Program compile(List<Definition> definitions) {
        for (Definition definition : definitions) {
            if (outputs.containsKey(definition.name())) {
                throw new ParseException(
                        OperatorsErrorCode.BAD_DEFINITION,
                        definition.source(),
                        0,
                        "'" + definition.name() + "' is defined twice");
            }
            Expr expr = Parser.parse(definition.source());
            Scope scope = new Scope(
                    definition.name(), definition.source(), Map.of(), List.of(), List.of(), definition.label());
            expanded = 0;
            PlanNode node = resolve(expr, scope);
            if (!definition.label() && node.lookahead() > 0) {
                // Every way into the future is refused where it is read; this holds the promise if one is missed.
                throw new ParseException(
                        OperatorsErrorCode.FUTURE_READ,
                        definition.source(),
                        0,
                        "feature " + definition.name() + " reads " + node.lookahead()
                                + " rows into the future; only a label may");
            }
            outputs.put(definition.name(), node);
            if (definition.label()) {
                labels.add(definition.name());
            }
        }
        return new Program(nodes, outputs);
    }

    /**
     * Where a name is resolved.
     *
     * @param definition the output being compiled
     * @param macroStack the macros whose bodies are being expanded, outermost first
     * @param argumentOf the macros whose call arguments are being resolved in this scope, outermost first
     */
    private record Scope(
            String definition,
            Source source,
            Map<String, PlanNode> bindings,
            List<String> macroStack,
            List<String> argumentOf,
            boolean label) {
        boolean inMacro() {
            return !macroStack.isEmpty();
        }

        Scope inArgumentsOf(String macro) {
            List<String> path = new ArrayList<>(argumentOf);
            path.add(macro);
            return new Scope(definition, source, bindings, macroStack, path, label);
        }
    }

    private PlanNode resolve(Expr expr, Scope scope) {
        if (++depth > MAX_DEPTH) {
            depth--;
            throw error(
                    OperatorsErrorCode.EXPRESSION_TOO_DEEP,
                    scope,
                    expr.offset(),
                    "expression " + scope.definition()
                            + " nests deeper than " + MAX_DEPTH + " levels once its macros are expanded"
                            + (scope.inMacro() ? " (through " + String.join(" -> ", scope.macroStack()) + ")" : "")
                            + "; the limit is " + MAX_DEPTH);
        }
        if (++expanded > MAX_EXPANSION) {
            depth--;
            throw error(
                    OperatorsErrorCode.EXPRESSION_TOO_LARGE,
                    scope,
                    expr.offset(),
                    "expression "
                            + scope.definition() + " expands to more than " + MAX_EXPANSION
                            + " operations once its macros"
                            + " are expanded"
                            + (scope.inMacro() ? " (through " + String.join(" -> ", scope.macroStack()) + ")" : "")
                            + "; the limit is " + MAX_EXPANSION + ": a macro expands at each use, so one that"
                            + " uses another twice doubles it");
        }
        try {
            if (expr instanceof Expr.Num num) {
                return constant(num.value());
            }
            if (expr instanceof Expr.Field field) {
                return resolveField(field, scope);
            }
            return resolveCall((Expr.Call) expr, scope);
        } finally {
            depth--;
        }
    }

    private PlanNode resolveField(Expr.Field field, Scope scope) {
        String name = field.name();
        PlanNode bound = scope.bindings().get(key(name));
        if (bound != null) {
            return bound;
        }
        if (!scope.inMacro() && outputs.containsKey(name)) {
            if (labels.contains(name) && !scope.label()) {
                List<String> chain = new ArrayList<>();
                chain.add(scope.definition());
                chain.addAll(scope.argumentOf());
                chain.add(name);
                throw error(
                        OperatorsErrorCode.FUTURE_READ,
                        scope,
                        field.offset(),
                        "feature " + scope.definition() + " reads label "
                                + name + " (" + String.join(" -> ", chain)
                                + "); a label is a sink that only labels may read,"
                                + " since it may hold the future");
            }
            return outputs.get(name);
        }
        Optional<String> numeric = match(name, fields.numeric());
        if (numeric.isPresent()) {
            return intern(Type.INPUT, numeric.get(), 0, null, List.of(), 0, new double[0], 0, 0, numeric.get());
        }
        String groupName = stripIndClass(name);
        if (match(groupName, fields.groups()).isPresent()) {
            throw error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    scope,
                    field.offset(),
                    "'" + name
                            + "' is a group field; it can only be the group argument of GROUP_* operators and IndNeutralize");
        }
        if (name.equalsIgnoreCase("returns")) {
            return resolve(
                    Parser.parse(RETURNS),
                    new Scope(scope.definition(), RETURNS, Map.of(), List.of(), List.of(), false));
        }
        Matcher adv = ADV.matcher(name);
        if (adv.matches()) {
            return resolveCall(
                    new Expr.Call(
                            "ADV",
                            List.of(new Expr.Num(Integer.parseInt(adv.group(1)), field.offset())),
                            field.offset()),
                    scope);
        }
        List<String> candidates = new ArrayList<>(fields.all());
        if (!scope.inMacro()) {
            candidates.addAll(outputs.keySet());
        }
        candidates.addAll(scope.bindings().keySet().stream()
                .map(k -> k.toLowerCase(Locale.ROOT))
                .toList());
        throw error(
                OperatorsErrorCode.UNKNOWN_NAME,
                scope,
                field.offset(),
                "unknown field '" + name + "'" + suggestion(name, candidates) + "; the panel has " + fields.all());
    }

    private PlanNode resolveCall(Expr.Call call, Scope scope) {
        Macro macro = macros.get(key(call.name()));
        if (macro != null) {
            return expandMacro(macro, call, scope);
        }
        OperatorSpec spec = registry.find(call.name()).orElseThrow(() -> {
            List<String> candidates = new ArrayList<>(registry.names());
            macros.values().forEach(m -> candidates.add(m.name()));
            return error(
                    OperatorsErrorCode.UNKNOWN_NAME,
                    scope,
                    call.offset(),
                    "unknown operator '" + call.name() + "'" + suggestion(call.name(), candidates)
                            + " (optaic ops list shows them all)");
        });
        List<Expr> args = call.args();
        spec = overload(spec, args, scope);
        if (args.size() < spec.minArity() || args.size() > spec.maxArity()) {
            String expected = spec.minArity() == spec.maxArity()
                    ? Integer.toString(spec.minArity())
                    : spec.minArity() + " to " + spec.maxArity();
            throw error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    scope,
                    call.offset(),
                    call.name() + " takes " + expected + " argument" + (spec.maxArity() == 1 ? "" : "s") + ", "
                            + spec.signature() + ", but got " + args.size());
        }
        List<PlanNode> inputs = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        int window = 0;
        for (int i = 0; i < spec.params().size(); i++) {
            Param param = spec.params().get(i);
            Expr arg = i < args.size() ? args.get(i) : null;
            switch (param.type()) {
                case SERIES -> inputs.add(resolve(arg, scope));
                case GROUP -> inputs.add(resolveGroup(arg, spec, i, scope));
                case NUMBER ->
                    numbers.add(arg == null ? param.defaultValue() : constantArgument(arg, spec, param, scope));
                case WINDOW -> window = windowArgument(arg, spec, param, call, scope);
            }
        }
        if (spec.expansion() != null) {
            return expandBuiltin(spec, call, window, scope);
        }
        double[] params = numbers.stream().mapToDouble(Double::doubleValue).toArray();
        if (spec.kind() == OperatorKind.ELEMENT_WISE && inputs.stream().allMatch(n -> n.type() == Type.CONSTANT)) {
            return constant(fold((ElementwiseKernel) spec.kernel(), inputs));
        }
        // Saturating: a window of 1e12 rows is clamped to the panel when evaluated, but must not wrap around here.
        int lookback = (int) Math.min(
                Integer.MAX_VALUE / 2,
                inputs.stream().mapToLong(PlanNode::lookback).max().orElse(0)
                        + spec.lookback().rows(window));
        int lookahead = (int) Math.min(
                Integer.MAX_VALUE / 2,
                inputs.stream().mapToLong(PlanNode::lookahead).max().orElse(0) + Math.max(0L, -(long) window));
        String text = spec.name() + "(" + inputs.stream().map(PlanNode::text).collect(Collectors.joining(", "))
                + (spec.kind() == OperatorKind.TIME_SERIES ? ", " + window : "")
                + numbers.stream().map(v -> ", " + v).collect(Collectors.joining()) + ")";
        return intern(Type.OPERATOR, null, 0, spec, inputs, window, params, lookback, lookahead, text);
    }

    /** Alpha101 and Qlib overloads: MIN/MAX with a constant window are rolling; RANK with a window is TS_RANK. */
    private OperatorSpec overload(OperatorSpec spec, List<Expr> args, Scope scope) {
        if ((spec.name().equals("MIN") || spec.name().equals("MAX")) && args.size() == 2) {
            Optional<Double> window = constantValue(args.get(1), scope);
            if (window.isPresent() && window.get() >= 1) {
                return registry.canonical(spec.name().equals("MIN") ? "TS_MIN" : "TS_MAX");
            }
        }
        if (spec.name().equals("RANK") && args.size() == 2) {
            return registry.canonical("TS_RANK");
        }
        return spec;
    }

    private PlanNode expandMacro(Macro macro, Expr.Call call, Scope scope) {
        if (scope.macroStack().contains(macro.name())) {
            List<String> cycle = new ArrayList<>(scope.macroStack());
            cycle.add(macro.name());
            throw error(
                    OperatorsErrorCode.BAD_DEFINITION,
                    scope,
                    call.offset(),
                    "macro " + macro.name() + " calls itself: "
                            + String.join(" -> ", cycle.subList(cycle.indexOf(macro.name()), cycle.size())));
        }
        if (call.args().size() != macro.params().size()) {
            throw error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    scope,
                    call.offset(),
                    "macro " + macro.name() + " takes "
                            + macro.params().size() + " arguments (" + String.join(", ", macro.params()) + "), but got "
                            + call.args().size());
        }
        Map<String, PlanNode> bindings = new HashMap<>();
        Scope arguments = scope.inArgumentsOf(macro.name());
        for (int i = 0; i < macro.params().size(); i++) {
            bindings.put(key(macro.params().get(i)), resolve(call.args().get(i), arguments));
        }
        List<String> stack = new ArrayList<>(scope.macroStack());
        stack.add(macro.name());
        return resolve(
                macro.body(), new Scope(scope.definition(), macro.source(), bindings, stack, List.of(), scope.label()));
    }

    private PlanNode expandBuiltin(OperatorSpec spec, Expr.Call call, int window, Scope scope) {
        Source source = new Source("(definition of " + spec.name() + ")", spec.expansion(), 1, 1);
        Expr body = expansions.computeIfAbsent(spec.name(), n -> Parser.parse(source));
        Map<String, PlanNode> bindings = Map.of(key(spec.params().get(0).name()), constant(window));
        try {
            return resolve(
                    body,
                    new Scope(scope.definition(), source, bindings, List.of(spec.name()), List.of(), scope.label()));
        } catch (ParseException e) {
            throw error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    scope,
                    call.offset(),
                    spec.name() + " is " + spec.expansion() + " and cannot be computed here: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private PlanNode resolveGroup(Expr arg, OperatorSpec spec, int index, Scope scope) {
        if (arg instanceof Expr.Field field) {
            PlanNode bound = scope.bindings().get(key(field.name()));
            if (bound != null && bound.type() == Type.GROUP_INPUT) {
                return bound;
            }
            String name = stripIndClass(field.name());
            Optional<String> group = match(name, fields.groups()).or(() -> match(name, fields.numeric()));
            if (group.isPresent()) {
                return intern(Type.GROUP_INPUT, group.get(), 0, null, List.of(), 0, new double[0], 0, 0, group.get());
            }
            throw error(
                    OperatorsErrorCode.UNKNOWN_NAME,
                    scope,
                    field.offset(),
                    "unknown group field '" + field.name() + "'" + suggestion(name, fields.groups())
                            + "; the panel's group fields are " + fields.groups());
        }
        throw error(
                OperatorsErrorCode.BAD_ARGUMENTS,
                scope,
                arg.offset(),
                spec.name() + " needs a group field such as sector or " + "IndClass.industry as argument " + (index + 1)
                        + "; the panel's group fields are " + fields.groups());
    }

    private int windowArgument(Expr arg, OperatorSpec spec, Param param, Expr.Call call, Scope scope) {
        double value = constantArgument(arg, spec, param, scope);
        if (!Double.isFinite(value)) {
            throw error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    scope,
                    arg.offset(),
                    "window " + param.name() + " of " + spec.name() + " must be a finite number, got " + value);
        }
        int window = (int) Math.floor(value);
        boolean shift = spec.name().equals("REF");
        if (shift && window < 0 && !scope.label()) {
            throw error(
                    OperatorsErrorCode.FUTURE_READ,
                    scope,
                    call.offset(),
                    call.name() + "(..., " + Param.format(value) + ") reads "
                            + (-window) + " row" + (window == -1 ? "" : "s")
                            + " into the future; only a label may do that"
                            + " (declare it with --label NAME=EXPR, or LABEL in an expression file)");
        }
        if (!shift && window < 1) {
            throw error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
                    scope,
                    arg.offset(),
                    "window " + param.name() + " of " + spec.name() + " must be at least 1, got "
                            + Param.format(value));
        }
        return window;
    }

    private double constantArgument(Expr arg, OperatorSpec spec, Param param, Scope scope) {
        return constantValue(arg, scope)
                .orElseThrow(() -> error(
                        OperatorsErrorCode.BAD_ARGUMENTS,
                        scope,
                        arg.offset(),
                        "argument " + param.name() + " of " + spec.name()
                                + " must be a constant number, not an expression" + " over the panel"));
    }

    /** The value of an argument that folds to a constant, without registering anything else. */
    private Optional<Double> constantValue(Expr arg, Scope scope) {
        if (arg instanceof Expr.Num num) {
            return Optional.of(num.value());
        }
        if (arg instanceof Expr.Field field) {
            PlanNode bound = scope.bindings().get(key(field.name()));
            return bound != null && bound.type() == Type.CONSTANT ? Optional.of(bound.constant()) : Optional.empty();
        }
        Expr.Call call = (Expr.Call) arg;
        Optional<OperatorSpec> spec = registry.find(call.name());
        if (spec.isEmpty() || spec.get().kind() != OperatorKind.ELEMENT_WISE) {
            return Optional.empty();
        }
        PlanNode node = resolve(arg, scope);
        return node.type() == Type.CONSTANT ? Optional.of(node.constant()) : Optional.empty();
    }

    private static double fold(ElementwiseKernel kernel, List<PlanNode> inputs) {
        return switch (kernel.arity()) {
            case 1 -> kernel.unary().applyAsDouble(inputs.get(0).constant());
            case 2 ->
                kernel.binary()
                        .applyAsDouble(inputs.get(0).constant(), inputs.get(1).constant());
            default ->
                kernel.ternary()
                        .apply(
                                inputs.get(0).constant(),
                                inputs.get(1).constant(),
                                inputs.get(2).constant());
        };
    }

    private PlanNode constant(double value) {
        return intern(Type.CONSTANT, null, value, null, List.of(), 0, new double[0], 0, 0, Param.format(value));
    }

    private PlanNode intern(
            Type type,
            String field,
            double constant,
            OperatorSpec spec,
            List<PlanNode> inputs,
            int window,
            double[] params,
            int lookback,
            int lookahead,
            String text) {
        String identity = switch (type) {
            case INPUT -> "field:" + field;
            case GROUP_INPUT -> "group:" + field;
            case CONSTANT -> "const:" + Double.doubleToLongBits(constant);
            case OPERATOR ->
                spec.name() + "("
                        + inputs.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(",")) + ";"
                        + window + ";" + Arrays.toString(params) + ")";
        };
        PlanNode existing = interned.get(identity);
        if (existing != null) {
            return existing;
        }
        PlanNode node = new PlanNode(
                nodes.size(), type, field, constant, spec, inputs, window, params, lookback, lookahead, text);
        nodes.add(node);
        interned.put(identity, node);
        return node;
    }

    private static Optional<String> match(String name, Collection<String> candidates) {
        if (candidates.contains(name)) {
            return Optional.of(name);
        }
        List<String> folded =
                candidates.stream().filter(c -> c.equalsIgnoreCase(name)).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    private static String stripIndClass(String name) {
        return name.regionMatches(true, 0, "IndClass.", 0, 9) ? name.substring(9) : name;
    }

    private static String suggestion(String name, Collection<String> candidates) {
        List<String> closest = OperatorRegistry.closest(name, candidates);
        return closest.isEmpty() ? "" : "; did you mean " + String.join(" or ", closest) + "?";
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    private static ParseException error(ErrorCode code, Scope scope, int offset, String what) {
        return new ParseException(code, scope.source(), offset, what);
    }
}
