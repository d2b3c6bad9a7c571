package com.optaic.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INPUT = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

    private static ObjectNode valid() throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"input": "%s",
                 "features": {"mom": "close/REF(close,20)-1", "vol": "volume"},
                 "label": "REF(close,-5)/close-1",
                 "training": {"from": "2015-01-01", "to": "2019-12-31"},
                 "validation": {"from": "2020-01-01", "to": "2020-12-31"},
                 "embargo": 5, "seed": 42, "model": {"reg_param": 0.1},
                 "walk_forward": {"every": 3, "window": "rolling"},
                 "monitoring": {"anything": ["belongs", "to", "MonitoringRuns"]}}""".formatted(INPUT));
    }

    @Test
    void readsEveryMemberAndTheLabelsHorizon() throws Exception {
        ModelConfig config = ModelConfig.parse(valid());
        assertThat(config.input().toString()).isEqualTo(INPUT);
        assertThat(config.features())
                .containsExactly(Map.entry("mom", "close/REF(close,20)-1"), Map.entry("vol", "volume"));
        assertThat(config.horizon()).isEqualTo(5);
        assertThat(config.embargo()).isEqualTo(5);
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.training())
                .isEqualTo(new ModelConfig.DateRange(LocalDate.parse("2015-01-01"), LocalDate.parse("2019-12-31")));
        assertThat(config.walkForward())
                .isEqualTo(Optional.of(new ModelConfig.WalkForward(3, ModelConfig.Window.ROLLING)));
        assertThat(config.definitions())
                .extracting(d -> d.name() + ":" + d.label())
                .containsExactly("mom:false", "vol:false", "label:true");
    }

    @Test
    void theHorizonIsTheFarthestFutureRowTheLabelReads() throws Exception {
        ObjectNode config = valid();
        config.put("label", "MEAN(REF(close,-3),4)/close-1");
        config.put("embargo", 3);
        assertThat(ModelConfig.parse(config).horizon()).isEqualTo(3);
    }

    @Test
    void anEmbargoShorterThanTheHorizonIsRefused() throws Exception {
        ObjectNode config = valid();
        config.put("embargo", 4);
        assertRefused(config, "ModelInstance config 'embargo' is 4 dates, shorter than the label's horizon of 5 dates");
    }

    @Test
    void aFeatureReadingTheFutureIsRefusedWithItsName() throws Exception {
        ObjectNode config = valid();
        ((ObjectNode) config.get("features")).put("peek", "REF(close,-1)");
        assertRefused(config, "ModelInstance config 'features.peek': 1:1: REF(..., -1) reads 1 row into the future");
    }

    @Test
    void refusesBadMembersByName() throws Exception {
        assertRefused(
                with("validation", "{\"from\": \"2019-06-01\", \"to\": \"2020-12-31\"}"),
                "'validation.from' must be after training.to (2019-12-31), got 2019-06-01");
        assertRefused(
                with("training", "{\"from\": \"2015-01-01\", \"to\": \"2015-13-01\"}"),
                "'training.to' must be a date YYYY-MM-DD, got '2015-13-01'");
        assertRefused(with("features", "{}"), "'features' must be a non-empty object");
        assertRefused(with("features", "{\"label\": \"close\"}"), "'features.label' is not a usable feature name");
        assertRefused(with("input", "\"prices\""), "'input' must be a dataset id, got 'prices'");
        assertRefused(with("walk_forward", "{\"every\": 0}"), "'walk_forward.every' must be a whole number from 1");
        assertRefused(
                with("walk_forward", "{\"every\": 3, \"window\": \"sliding\"}"),
                "'walk_forward.window' must be expanding or rolling, got 'sliding'");
        assertRefused(with("embargo", "-1"), "'embargo' must be a whole number from 0");
        assertRefused(with("lable", "\"x\""), "'lable' is not a known setting");
        assertRefused(with("label", "\"REF(close,-5\""), "ModelInstance config 'label': ");
    }

    @Test
    void theModuleFactoriesFillDefaultsAndRefuseUnknownOrOutOfBoundsParameters() {
        ModelSpec linear = MLModules.builtins().build(MLModules.LINEAR, json("{\"reg_param\": 0.1}"));
        assertThat(linear.params())
                .containsExactly(
                        Map.entry("reg_param", 0.1), Map.entry("elastic_net_param", 0.0), Map.entry("max_iter", 100.0));
        assertThat(MLModules.builtins().build(MLModules.GBT, json("{}")).intParam("max_depth"))
                .isEqualTo(5);
        assertThat(MLModules.all()).extracting(b -> b.codeRef()).containsExactly("linear", "gbt", "random_forest");
        assertThatThrownBy(() -> MLModules.builtins().build(MLModules.RANDOM_FOREST, json("{\"num_tree\": 3}")))
                .hasMessageContaining("'model.num_tree' is not a hyper-parameter of random_forest; known: num_trees");
        assertThatThrownBy(() -> MLModules.builtins().build(MLModules.LINEAR, json("{\"elastic_net_param\": 1.5}")))
                .hasMessageContaining("'model.elastic_net_param' must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> MLModules.builtins().build(MLModules.GBT, json("{\"max_depth\": 2.5}")))
                .hasMessageContaining("'model.max_depth' must be a whole number, got 2.5");
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode with(String member, String value) throws Exception {
        ObjectNode config = valid();
        config.set(member, MAPPER.readTree(value));
        return config;
    }

    private static void assertRefused(ObjectNode config, String message) {
        assertThatThrownBy(() -> ModelConfig.parse(config))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(JobsErrorCode.BAD_RUN_CONFIG));
    }
}
