package com.optaic.operators.plan;

import static java.util.Objects.requireNonNull;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final PlanInterner interner = new PlanInterner();
    private final NameLookup names;
    private final MacroExpander macros;
    private final ConstantArguments constants;
    private final ExpansionLimits limits = new ExpansionLimits();
    private final Map<String, PlanNode> outputs = new LinkedHashMap<>();
    private final LabelSinks labels = new LabelSinks();

    public ExpressionCompiler(OperatorRegistry registry, FieldCatalog fields) {
        this.registry = requireNonNull(registry, "registry is null");
        this.names = new NameLookup(requireNonNull(fields, "fields is null"), interner);
        this.macros = new MacroExpander(registry, interner, this::resolve);
        this.constants = new ConstantArguments(registry, this::resolve);
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
            names.add(NameLookup.stripIndClass(field.name()));
        } else if (expr instanceof Expr.Call call) {
            call.args().forEach(arg -> collectNames(arg, names));
        }
    }

    public ExpressionCompiler macro(Macro macro) {
        macros.add(macro);
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
            ResolutionScope scope = new ResolutionScope(
                    definition.name(), definition.source(), Map.of(), List.of(), List.of(), definition.label());
            limits.startDefinition();
            PlanNode node = resolve(expr, scope);
            LookbackAnalysis.checkDefinition(definition, node);
            outputs.put(definition.name(), node);
            if (definition.label()) {
                labels.add(definition.name());
            }
        }
        return new Program(interner.nodes(), outputs);
    }

    private PlanNode resolve(Expr expr, ResolutionScope scope) {
        limits.enter(expr, scope);
        try {
            if (expr instanceof Expr.Num num) {
                return interner.constant(num.value());
            }
            if (expr instanceof Expr.Field field) {
                return resolveField(field, scope);
            }
            return resolveCall((Expr.Call) expr, scope);
        } finally {
            limits.exit();
        }
    }

    private PlanNode resolveField(Expr.Field field, ResolutionScope scope) {
        String name = field.name();
        PlanNode bound = scope.bound(name);
        if (bound != null) {
            return bound;
        }
        if (!scope.inMacro() && outputs.containsKey(name)) {
            labels.checkRead(name, field, scope);
            return outputs.get(name);
        }
        Optional<String> numeric = names.numeric(name);
        if (numeric.isPresent()) {
            return interner.input(numeric.get());
        }
        if (names.isGroup(name)) {
            throw names.groupFieldAsSeries(field, scope);
        }
        if (name.equalsIgnoreCase("returns")) {
            return resolve(
                    Parser.parse(RETURNS),
                    new ResolutionScope(scope.definition(), RETURNS, Map.of(), List.of(), List.of(), false));
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
        throw names.unknownField(field, scope, outputs.keySet());
    }

    private PlanNode resolveCall(Expr.Call call, ResolutionScope scope) {
        Optional<Macro> macro = macros.find(call.name());
        if (macro.isPresent()) {
            return macros.expand(macro.get(), call, scope);
        }
        OperatorSpec spec = registry.find(call.name()).orElseThrow(() -> {
            List<String> candidates = new ArrayList<>(registry.names());
            candidates.addAll(macros.names());
            return NameLookup.unknownOperator(call, scope, candidates);
        });
        List<Expr> args = call.args();
        spec = constants.overload(spec, args, scope);
        if (args.size() < spec.minArity() || args.size() > spec.maxArity()) {
            String expected = spec.minArity() == spec.maxArity()
                    ? Integer.toString(spec.minArity())
                    : spec.minArity() + " to " + spec.maxArity();
            throw scope.error(
                    OperatorsErrorCode.BAD_ARGUMENTS,
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
                case GROUP -> inputs.add(names.group(arg, spec, i, scope));
                case NUMBER ->
                    numbers.add(arg == null ? param.defaultValue() : constants.number(arg, spec, param, scope));
                case WINDOW -> window = constants.window(arg, spec, param, call, scope);
            }
        }
        if (spec.expansion() != null) {
            return macros.expandBuiltin(spec, call, window, scope);
        }
        double[] params = numbers.stream().mapToDouble(Double::doubleValue).toArray();
        if (spec.kind() == OperatorKind.ELEMENT_WISE && inputs.stream().allMatch(n -> n.type() == Type.CONSTANT)) {
            return interner.constant(ConstantArguments.fold((ElementwiseKernel) spec.kernel(), inputs));
        }
        int lookback = LookbackAnalysis.lookback(inputs, spec, window);
        int lookahead = LookbackAnalysis.lookahead(inputs, window);
        String text = spec.name() + "(" + inputs.stream().map(PlanNode::text).collect(Collectors.joining(", "))
                + (spec.kind() == OperatorKind.TIME_SERIES ? ", " + window : "")
                + numbers.stream().map(v -> ", " + v).collect(Collectors.joining()) + ")";
        return interner.operator(spec, inputs, window, params, lookback, lookahead, text);
    }
}
