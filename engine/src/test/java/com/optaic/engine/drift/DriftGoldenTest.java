package com.optaic.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every drift statistic against numpy/scipy on the committed fixtures of {@code src/test/resources/drift}
 * (written with their goldens by {@code golden.py}): ties, NaNs, both sides of the 1,000 rule, exact and
 * asymptotic Kolmogorov-Smirnov p-values (every branch of scipy's kstwo.sf the fixtures reach).
 */
class DriftGoldenTest {
    private static final double RELATIVE = 1e-9;

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = DriftGoldenTest.class.getResourceAsStream("/drift/golden.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> cases = new ArrayList<>();
            root.get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScipy(JsonNode expected) throws IOException {
        String name = expected.get("feature").asText();
        double[] reference = column("/drift/" + name + "_reference.csv");
        double[] current = column("/drift/" + name + "_current.csv");

        FeatureDrift actual = new DriftCalculator(DriftSettings.DEFAULTS).compare(name, reference, current);

        assertThat(actual.nReference()).isEqualTo(expected.get("n_reference").asLong());
        assertThat(actual.nCurrent()).isEqualTo(expected.get("n_current").asLong());
        close("null_share_reference", actual.nullShareReference(), expected);
        close("null_share_current", actual.nullShareCurrent(), expected);
        close("psi", actual.psi(), expected);
        close("js", actual.js(), expected);
        close("ks_statistic", actual.ksStatistic(), expected);
        close("ks_pvalue", actual.ksPvalue(), expected);
        close("wasserstein", actual.wasserstein(), expected);
        close("out_of_range_share", actual.outOfRangeShare(), expected);
        assertThat(actual.method()).isEqualTo(expected.get("method").asText());
        close("score", actual.score(), expected);
        close("threshold", actual.threshold(), expected);
        assertThat(actual.drift()).as("drift").isEqualTo(expected.get("drift").asBoolean());
    }

    private static void close(String key, double actual, JsonNode expected) {
        double value = expected.get(key).asDouble();
        assertThat(actual).as(key).isCloseTo(value, within(Math.max(Math.abs(value) * RELATIVE, 1e-15)));
    }

    static double[] column(String resource) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(DriftGoldenTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            reader.readLine();
            List<Double> values = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                values.add(line.isEmpty() ? Double.NaN : Double.parseDouble(line));
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
