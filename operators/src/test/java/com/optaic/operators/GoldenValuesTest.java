package com.optaic.operators;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.operators.eval.Block;
import com.optaic.operators.eval.BlockEvaluator;
import com.optaic.operators.plan.Definition;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.Program;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operator against values computed independently by pandas/numpy/scipy
 * ({@code src/test/resources/golden/generate.py}), on a panel with late listings, delistings, gaps, NaNs,
 * ties, constant stretches and mixed magnitudes. Tolerance 1e-9 relative (plus 1e-9 absolute for values
 * near zero); NaN must match NaN exactly.
 */
class GoldenValuesTest {
    private static final String DIR = "/golden/";

    private static List<String> dates;
    private static List<String> assets;
    private static Block block;
    private static Map<String, double[]> results;
    private static Map<String, String> cases;
    private static Map<String, List<String[]>> expected;
    private static Map<String, Integer> dateIndex;
    private static Map<String, Integer> assetIndex;

    @BeforeAll
    static void evaluateAllCases() throws IOException {
        List<String[]> panelRows = new ArrayList<>();
        TreeSet<String> dateSet = new TreeSet<>();
        TreeSet<String> assetSet = new TreeSet<>();
        for (String line : lines("panel.csv").subList(1, lines("panel.csv").size())) {
            String[] f = line.split(",", -1);
            panelRows.add(f);
            dateSet.add(f[0]);
            assetSet.add(f[1]);
        }
        dates = new ArrayList<>(dateSet);
        assets = new ArrayList<>(assetSet);
        dateIndex = index(dates);
        assetIndex = index(assets);
        int nd = dates.size();
        int cells = nd * assets.size();
        double[] x = nanArray(cells);
        double[] y = nanArray(cells);
        double[] v = nanArray(cells);
        double[] g = nanArray(cells);
        boolean[] present = new boolean[cells];
        for (String[] f : panelRows) {
            int i = assetIndex.get(f[1]) * nd + dateIndex.get(f[0]);
            present[i] = true;
            x[i] = parse(f[2]);
            y[i] = parse(f[3]);
            v[i] = parse(f[4]);
            g[i] = parse(f[5]);
        }
        block = new Block(nd, assets.size(), present)
                .numeric("x", x)
                .numeric("y", y)
                .numeric("v", v)
                .group("g", g);

        cases = new LinkedHashMap<>();
        List<Definition> definitions = new ArrayList<>();
        for (String line : lines("cases.tsv")) {
            String[] f = line.split("\t", 2);
            cases.put(f[0], f[1]);
            definitions.add(Definition.feature(f[0], f[1]));
        }
        Program program = new ExpressionCompiler(block.catalog()).compile(definitions);
        results = BlockEvaluator.evaluate(program, block);

        expected = new TreeMap<>();
        List<String> expectedLines = lines("expected.csv");
        for (String line : expectedLines.subList(1, expectedLines.size())) {
            String[] f = line.split(",", -1);
            expected.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
    }

    @TestFactory
    List<DynamicTest> everyCaseMatchesPandas() {
        assertThat(cases).hasSizeGreaterThan(100);
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            tests.add(DynamicTest.dynamicTest(c.getKey() + " " + c.getValue(), () -> check(c.getKey(), c.getValue())));
        }
        return tests;
    }

    private static void check(String caseId, String expression) {
        double[] actual = results.get(caseId);
        List<String[]> rows = expected.get(caseId);
        assertThat(rows).as("expected rows of %s", caseId).isNotEmpty();
        int nd = dates.size();
        List<String> mismatches = new ArrayList<>();
        for (String[] row : rows) {
            double want = parse(row[3]);
            double got = actual[assetIndex.get(row[2]) * nd + dateIndex.get(row[1])];
            boolean ok = Double.isNaN(want) ? Double.isNaN(got) : Math.abs(got - want) <= 1e-9 * Math.abs(want) + 1e-9;
            if (!ok && mismatches.size() < 5) {
                mismatches.add(row[1] + " " + row[2] + ": expected " + want + ", got " + got);
            }
        }
        assertThat(mismatches).as("%s = %s", caseId, expression).isEmpty();
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = GoldenValuesTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as(name).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static double parse(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static Map<String, Integer> index(List<String> values) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            index.put(values.get(i), i);
        }
        return index;
    }
}
