package com.optaic.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.operators.plan.Definition;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.PlanNode;
import com.optaic.operators.plan.Program;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompilerTest {
    private static final FieldCatalog FIELDS =
            new FieldCatalog(Set.of("open", "high", "low", "close", "volume", "vwap"), Set.of("sector", "industry"));

    private static Program compile(String... definitions) {
        ExpressionFile file = ExpressionFile.parse("test.expr", String.join("\n", definitions));
        return ExpressionCompiler.compile(FIELDS, file.macros(), file.definitions());
    }

    private static PlanNode single(String expression) {
        return compile("f = " + expression).outputs().get("f");
    }

    @Test
    void lookbackAddsUpAlongTheTree() {
        assertThat(single("MEAN(DELTA(close,5),20)").lookback()).isEqualTo(24);
        assertThat(single("close/REF(close,20)-1").lookback()).isEqualTo(20);
        assertThat(single("RANK(close)").lookback()).isZero();
        assertThat(single("TS_CORR(RANK(close), REF(volume, 3), 10)").lookback())
                .isEqualTo(12);
        assertThat(single("returns").lookback()).isEqualTo(1);
        assertThat(single("adv20").lookback()).isEqualTo(19);
    }

    @Test
    void aliasesAndAlpha101Overloads() {
        assertThat(single("min(close, 5)").operator().name()).isEqualTo("TS_MIN");
        assertThat(single("min(close, open)").operator().name()).isEqualTo("MIN");
        assertThat(single("max(close, 2 + 3)").operator().name()).isEqualTo("TS_MAX");
        assertThat(single("max(close - open, 0)").operator().name()).isEqualTo("MAX");
        assertThat(single("rank(close)").operator().name()).isEqualTo("RANK");
        assertThat(single("Rank($close, 10)").operator().name()).isEqualTo("TS_RANK");
        assertThat(single("stddev(close, 20)").operator().name()).isEqualTo("TS_STD");
        assertThat(single("correlation(close, volume, 6.00015)").window()).isEqualTo(6);
        assertThat(single("IndNeutralize(close, IndClass.sector)").operator().name())
                .isEqualTo("GROUP_NEUTRALIZE");
    }

    @Test
    void commonSubexpressionsAreComputedOnce() {
        Program program = compile(
                "a = RANK(DELTA(close, 5))",
                "b = ZSCORE(rank(delta($close, 5)))",
                "c = (close - MEAN(close,20)) / STD(close,20)",
                "d = MEAN(close, 20)");
        assertThat(program.outputs().get("b").inputs().get(0))
                .isSameAs(program.outputs().get("a"));
        long deltas = program.nodes().stream()
                .filter(n -> n.operator() != null && n.operator().name().equals("DELTA"))
                .count();
        assertThat(deltas).isEqualTo(1);
        long means = program.nodes().stream()
                .filter(n -> n.operator() != null && n.operator().name().equals("TS_MEAN"))
                .count();
        assertThat(means).isEqualTo(1);
    }

    @Test
    void constantsFold() {
        PlanNode node = single("close * (1 - 0.25) + 2^3");
        assertThat(node.inputs().get(1).constant()).isEqualTo(8.0);
        assertThat(node.inputs().get(0).inputs().get(1).constant()).isEqualTo(0.75);
    }

    @Test
    void laterDefinitionsUseEarlierOnes() {
        Program program = compile("m = MEAN(close, 5)", "z = m / STD(close, 5)");
        assertThat(program.outputs().get("z").inputs().get(0))
                .isSameAs(program.outputs().get("m"));
        assertThat(program.lookback("z")).isEqualTo(4);
    }

    @Test
    void macrosExpandWithParameters() {
        Program program = compile(
                "DEF MOMENTUM(x, n) = x / REF(x, n) - 1",
                "mom = MOMENTUM(close, 20)",
                "DEF TWICE(y) = MOMENTUM(y, 5) * 2",
                "t = TWICE(open)");
        assertThat(program.outputs().get("mom").lookback()).isEqualTo(20);
        assertThat(program.outputs().get("mom").text()).isEqualTo("SUB(DIV(close, REF(close, 20)), 1)");
        assertThat(program.outputs().get("t").lookback()).isEqualTo(5);
    }

    @Test
    void recursiveMacrosAreRefused() {
        assertThatThrownBy(() -> compile("DEF A(x) = B(x) + 1", "DEF B(x) = A(x) * 2", "f = A(close)"))
                .hasMessageContaining("macro A calls itself: A -> B -> A");
    }

    @Test
    void futureReadsAreOnlyForLabels() {
        assertThatThrownBy(() -> compile("f = RANK(REF(close, -5))"))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("test.expr:1:10: REF(..., -5) reads 5 rows into the future; only a label may");
        Program program = compile("LABEL fwd = REF(close, -5) / close - 1");
        assertThat(program.lookahead()).isEqualTo(5);
    }

    @Test
    void aLabelIsASink() {
        // x would be tomorrow's close under a feature's name: refused, naming the chain from x to the label.
        assertThatThrownBy(() -> compile("LABEL l = REF(close,-1)", "x = l + 0"))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("test.expr:2:5")
                .hasMessageContaining("feature x reads label l (x -> l)");
        assertThatThrownBy(
                        () -> compile("LABEL l = REF(close,-1)", "DEF PLUS(a, b) = a + b", "x = RANK(PLUS(close, l))"))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("feature x reads label l (x -> PLUS -> l)");
        assertThatThrownBy(() -> compile(
                        "LABEL l = REF(close,-1)", "DEF ID(a) = a", "DEF WRAP(a) = ID(a) * 2", "x = WRAP(ID(l))"))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("feature x reads label l (x -> WRAP -> ID -> l)");
        // A label that looks back only is a sink too: what a label means is up to its author.
        assertThatThrownBy(() -> compile("LABEL past = REF(close, 1)", "x = past"))
                .hasMessageContaining("feature x reads label past (x -> past)");
        // Labels may read labels, and features are still shared by labels.
        Program program = compile("m = MEAN(close, 5)", "LABEL l = REF(m, -1)", "LABEL l2 = l - m");
        assertThat(program.outputs().get("l2").lookahead()).isEqualTo(1);
    }

    @Test
    void deepExpressionsAreAUserErrorNamingTheLimitNeverAStackOverflow() {
        int limit = com.optaic.operators.syntax.Parser.MAX_DEPTH;
        List<String> hostile = List.of(
                "(".repeat(1000) + "close" + ")".repeat(1000),
                "RANK(".repeat(3000) + "close" + ")".repeat(3000),
                "-".repeat(5000) + "close",
                "close" + " + close".repeat(2999),
                "close" + " ^ close".repeat(3000),
                "1 ? ".repeat(3000) + "close" + " : 0".repeat(3000));
        for (String deep : hostile) {
            assertThatThrownBy(() -> compile("f = " + deep))
                    .as(deep.substring(0, 12))
                    .isInstanceOf(OptaicException.class)
                    .hasMessageContaining("test.expr:1:")
                    .hasMessageContaining("the limit is " + limit);
        }
    }

    @Test
    void expressionsAtTheDepthLimitCompileOnASmallThreadStack() throws InterruptedException {
        int limit = com.optaic.operators.syntax.Parser.MAX_DEPTH;
        List<String> atLimit = List.of(
                "(".repeat(limit - 1) + "close" + ")".repeat(limit - 1),
                "RANK(".repeat(limit - 1) + "close" + ")".repeat(limit - 1),
                "-".repeat(limit - 1) + "close",
                "close" + " + close".repeat(limit - 1));
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        List<Program> programs = new java.util.concurrent.CopyOnWriteArrayList<>();
        // Half the JVM's default thread stack, as a margin for callers deep in a framework's stack.
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        for (String expression : atLimit) {
                            programs.add(compile("f = " + expression));
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "small-stack",
                512 * 1024);
        small.start();
        small.join();
        assertThat(failure.get()).isNull();
        assertThat(programs).hasSize(4);
        assertThat(programs.get(3).outputs().get("f").text()).startsWith("ADD(ADD(");
    }

    @Test
    void macroExpansionDeeperThanTheCompilerLimitIsAUserError() {
        int limit = com.optaic.operators.syntax.Parser.MAX_DEPTH;
        String open = "RANK(".repeat(limit - 2);
        String close = ")".repeat(limit - 2);
        List<String> lines = new java.util.ArrayList<>();
        lines.add("DEF M0(x) = " + open + "x" + close);
        for (int level = 1; level <= 8; level++) {
            lines.add("DEF M" + level + "(x) = " + open + "M" + (level - 1) + "(x)" + close);
        }
        lines.add("f = M8(close)");
        assertThatThrownBy(() -> compile(lines.toArray(String[]::new)))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("the limit is " + ExpressionCompiler.MAX_DEPTH)
                .hasMessageContaining("M8");
    }

    @Test
    void macroExpansionIsBoundedWithAClearError() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("DEF D0(x) = x + 1");
        for (int level = 1; level <= 40; level++) {
            lines.add("DEF D" + level + "(x) = D" + (level - 1) + "(x) * D" + (level - 1) + "(x)");
        }
        List<String> doubling40 = new java.util.ArrayList<>(lines);
        doubling40.add("f = D40(close)");
        long started = System.nanoTime();
        assertThatThrownBy(() -> compile(doubling40.toArray(String[]::new)))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("expression f expands to more than " + ExpressionCompiler.MAX_EXPANSION)
                .hasMessageContaining("the limit is " + ExpressionCompiler.MAX_EXPANSION);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(10);

        // Well below the limit the same macros compile, to one node per level: each distinct computation once.
        List<String> doubling10 = new java.util.ArrayList<>(lines);
        doubling10.add("f = D10(close)");
        Program program = compile(doubling10.toArray(String[]::new));
        assertThat(program.operatorCount()).isEqualTo(11);
    }

    @Test
    void userErrorsNameTheCallAndSuggest() {
        assertThatThrownBy(() -> single("TS_MEEN(close, 5)"))
                .hasMessageContaining("test.expr:1:5: unknown operator 'TS_MEEN'; did you mean TS_MEAN");
        assertThatThrownBy(() -> single("RANK(clsoe)"))
                .hasMessageContaining("unknown field 'clsoe'; did you mean close?");
        assertThatThrownBy(() -> single("TS_MEAN(close)"))
                .hasMessageContaining("TS_MEAN takes 2 arguments, TS_MEAN(x, d), but got 1");
        assertThatThrownBy(() -> single("TS_MEAN(close, volume)"))
                .hasMessageContaining("argument d of TS_MEAN must be a constant number");
        assertThatThrownBy(() -> single("TS_MEAN(close, 0.5)"))
                .hasMessageContaining("window d of TS_MEAN must be at least 1, got 0.5");
        assertThatThrownBy(() -> single("GROUP_RANK(close, volume * 2)"))
                .hasMessageContaining("GROUP_RANK needs a group field");
        assertThatThrownBy(() -> single("sector + 1")).hasMessageContaining("'sector' is a group field");
        assertThatThrownBy(() -> compile("a = close", "a = open")).hasMessageContaining("'a' is defined twice");
        assertThatThrownBy(() -> ExpressionFile.parse("bad.expr", "# fine\nthis is not a definition"))
                .hasMessage("bad.expr:2: expected 'name = expression', 'LABEL name = expression' or "
                        + "'DEF NAME(args) = expression'");
    }

    @Test
    void expressionFilesKeepFileLinesAndColumns() {
        assertThatThrownBy(() -> compile("# header", "", "good = close", "  bad =  RANK(close +)"))
                .hasMessageContaining("test.expr:4:22: expected a number");
    }

    @Test
    void unnamedArgumentsGetNames() {
        ExpressionFile file = new ExpressionFile()
                .addArgument("--expr", "close == open", false)
                .addArgument("--expr", "z = RANK(close)", false);
        assertThat(file.definitions()).extracting(Definition::name).containsExactly("expr1", "z");
        Program program = ExpressionCompiler.compile(FIELDS, List.of(), file.definitions());
        assertThat(program.outputs().get("expr1").operator().name()).isEqualTo("EQ");
    }

    @Test
    void registryRefusesDuplicatesAndListsEveryOperator() {
        OperatorRegistry registry = BuiltinOperators.registry();
        assertThat(registry.all()).hasSizeGreaterThan(60);
        assertThatThrownBy(() -> registry.register(registry.canonical("RANK"))).hasMessageContaining("already taken");
        for (OperatorSpec spec : registry.all()) {
            assertThat(spec.semantics()).as(spec.name()).isNotBlank();
        }
    }
}
