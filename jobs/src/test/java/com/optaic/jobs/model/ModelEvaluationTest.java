package com.optaic.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.jobs.model.ModelEvaluation.Row;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against numpy/scipy: {@code src/test/resources/model/golden.py} wrote the fixture and its expected values. */
class ModelEvaluationTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void agreesWithScipyOnTiesConstantPredictionsAndSingleRowDates() throws Exception {
        ModelEvaluation evaluation = ModelEvaluation.of(rows());
        JsonNode expected;
        try (InputStream in = resource("evaluation-expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        assertThat(evaluation.rows()).isEqualTo(expected.get("rows").asLong());
        assertPerDate(evaluation.ic(), expected.get("ic"));
        assertPerDate(evaluation.rankIc(), expected.get("rank_ic"));
        assertThat(evaluation.icMean()).isCloseTo(expected.get("ic_mean").asDouble(), within(TOLERANCE));
        assertThat(evaluation.icIr()).isCloseTo(expected.get("ic_ir").asDouble(), within(TOLERANCE));
        assertThat(evaluation.rankIcMean())
                .isCloseTo(expected.get("rank_ic_mean").asDouble(), within(TOLERANCE));
        assertThat(evaluation.rankIcIr()).isCloseTo(expected.get("rank_ic_ir").asDouble(), within(TOLERANCE));
        assertThat(evaluation.mse()).isCloseTo(expected.get("mse").asDouble(), within(TOLERANCE));
        assertThat(evaluation.r2()).isCloseTo(expected.get("r2").asDouble(), within(TOLERANCE));
    }

    @Test
    void tiesTakeTheirAverageRank() {
        assertThat(ModelEvaluation.ranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
    }

    private static void assertPerDate(Map<LocalDate, Double> actual, JsonNode expected) {
        // the constant-prediction date and the one-row date have no IC
        assertThat(actual).hasSize(expected.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            assertThat(actual.get(LocalDate.parse(entry.getKey())))
                    .as(entry.getKey())
                    .isCloseTo(entry.getValue().asDouble(), within(TOLERANCE));
        }
    }

    private static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = resource("evaluation.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].trim().split(",");
                rows.add(
                        new Row(LocalDate.parse(cells[0]), Double.parseDouble(cells[1]), Double.parseDouble(cells[2])));
            }
        }
        return rows;
    }

    private static InputStream resource(String name) {
        return ModelEvaluationTest.class.getResourceAsStream("/model/" + name);
    }
}
