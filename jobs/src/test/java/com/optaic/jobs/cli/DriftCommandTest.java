package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code optaic drift} against the numpy/scipy report of {@code engine/src/test/resources/drift/golden.py}
 * ({@code table_expected.json}) in CSV, Parquet and Arrow, and its user errors (exit 2, naming the thing).
 */
class DriftCommandTest {
    private static final Path FIXTURES = Path.of("../engine/src/test/resources/drift");
    private static final Path REFERENCE = FIXTURES.resolve("table_reference.csv");
    private static final Path CURRENT = FIXTURES.resolve("table_current.csv");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void jsonMatchesScipyInEveryFormat(String format) throws IOException {
        Path reference = as(REFERENCE, format);
        Path current = as(CURRENT, format);

        Result result = optaic("drift", "--reference", reference.toString(), "--current", current.toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode actual = new ObjectMapper().readTree(result.out());
        JsonNode expected = new ObjectMapper()
                .readTree(FIXTURES.resolve("table_expected.json").toFile());
        assertSameJson("", actual, expected);
    }

    @Test
    void tableAndFeatureSelection() {
        Result result = optaic(
                "drift", "--reference", REFERENCE.toString(), "--current", CURRENT.toString(), "--features", "b,a");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("feature").contains("psi", "ks_p", "wasserstein", "drift");
        assertThat(lines.get(2)).startsWith("b ").endsWith("-");
        assertThat(lines.get(3)).startsWith("a ").endsWith("DRIFT");
        assertThat(lines.get(4)).isEqualTo("1 of 2 features drifted (50.0%): dataset drift YES");
    }

    @Test
    void thresholdsAreConfigurable() throws IOException {
        Result result = optaic(
                "drift",
                "--reference",
                REFERENCE.toString(),
                "--current",
                CURRENT.toString(),
                "--features",
                "a",
                "--wasserstein-threshold",
                "100",
                "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode feature =
                new ObjectMapper().readTree(result.out()).get("features").get(0);
        assertThat(feature.get("threshold").asDouble()).isEqualTo(100.0);
        assertThat(feature.get("drift").asBoolean()).isFalse();
    }

    @Test
    void userErrorsExitTwoNamingTheThing() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertUserError(
                optaic("drift", "--reference", missing.toString(), "--current", CURRENT.toString()), "nope.csv");
        assertUserError(
                optaic(
                        "drift",
                        "--reference",
                        REFERENCE.toString(),
                        "--current",
                        CURRENT.toString(),
                        "--features",
                        "zz"),
                "'zz'");
        assertUserError(
                optaic(
                        "drift",
                        "--reference",
                        REFERENCE.toString(),
                        "--current",
                        CURRENT.toString(),
                        "--features",
                        "sector"),
                "'sector'",
                "not numeric");
        Path textOnly = write("text.csv", "date,asset,sector\n2024-01-01,A,tech\n");
        assertUserError(
                optaic("drift", "--reference", textOnly.toString(), "--current", CURRENT.toString()),
                "no numeric column");
        Path empty = write("empty.csv", "date,asset,a,b,e\n");
        assertUserError(
                optaic("drift", "--reference", empty.toString(), "--current", CURRENT.toString()),
                "empty.csv",
                "no rows");
        Path allMissing = write("missing.csv", "a,b,e\n,,\nNaN,,\n");
        assertUserError(
                optaic("drift", "--reference", allMissing.toString(), "--current", CURRENT.toString()),
                "'a'",
                "no values");
        Path lacksE = write("lacks.csv", "a,b\n1,2\n");
        assertUserError(
                optaic("drift", "--reference", REFERENCE.toString(), "--current", lacksE.toString()),
                "'e'",
                "lacks.csv");
        assertUserError(
                optaic("drift", "--reference", REFERENCE.toString(), "--current", CURRENT.toString(), "--bins", "1"),
                "bins");
    }

    @Test
    void tablesWithoutKeysAreFine() throws IOException {
        Path reference = write("r.csv", "x\n1\n2\n3\n4\n5\n");
        Path current = write("c.csv", "x\n1\n2\n3\n4\n5\n");

        Result result = optaic("drift", "--reference", reference.toString(), "--current", current.toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode feature =
                new ObjectMapper().readTree(result.out()).get("features").get(0);
        assertThat(feature.get("ks_statistic").asDouble()).isZero();
        assertThat(feature.get("ks_pvalue").asDouble()).isEqualTo(1.0);
        assertThat(feature.get("psi").asDouble()).isZero();
        assertThat(feature.get("drift").asBoolean()).isFalse();
    }

    private static void assertUserError(Result result, String... mentions) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
        assertThat(result.err()).contains(mentions);
        assertThat(result.out()).isEmpty();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The CSV fixture as a Parquet or Arrow file, written by the engine's panel writer. */
    private Path as(Path csv, String format) {
        if (format.equals("csv")) {
            return csv;
        }
        Panel panel = new PanelReader(Set.of("sector")).read(csv);
        Path target = dir.resolve(csv.getFileName().toString().replace(".csv", "." + format));
        new PanelWriter().write(panel, target);
        return target;
    }

    private static void assertSameJson(String path, JsonNode actual, JsonNode expected) {
        if (expected.isObject()) {
            List<String> actualKeys = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            List<String> expectedKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            assertThat(actualKeys).as(path).isEqualTo(expectedKeys);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                assertSameJson(path + "." + entry.getKey(), actual.get(entry.getKey()), entry.getValue());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(path + "[" + i + "]", actual.get(i), expected.get(i));
            }
        } else if (expected.isNumber()) {
            double value = expected.asDouble();
            assertThat(actual.isNumber()).as(path).isTrue();
            assertThat(actual.asDouble()).as(path).isCloseTo(value, within(Math.max(Math.abs(value) * 1e-9, 1e-15)));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
