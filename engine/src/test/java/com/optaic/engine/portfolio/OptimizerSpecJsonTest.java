package com.optaic.engine.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The JSON form of a spec, as instances hold it and Spark tasks receive it. */
class OptimizerSpecJsonTest {
    @Test
    void everyOptionSurvivesTheRoundTrip() {
        OptimizerSpec spec = new OptimizerSpec(
                "efficient_risk",
                "ledoit_wolf",
                "mean",
                0.03,
                OptionalDouble.of(0.2),
                2.0,
                OptionalDouble.of(-0.1),
                OptionalDouble.of(0.4),
                true,
                0.5,
                0.001,
                Map.of("A", 0.6, "B", 0.4),
                Map.of("A", "tech", "B", "energy"),
                Map.of("tech", new double[] {0.1, 0.5}),
                Map.of("A", 2.0));
        OptimizerSpec back =
                OptimizerSpecJson.read(OptimizerSpecJson.write(spec).toString());
        assertThat(back).usingRecursiveComparison().isEqualTo(spec);
        assertThat(back.options(new String[] {"B", "A"}).groups().get(0).members())
                .containsExactly(1);
        assertThat(back.options(new String[] {"B", "A"}).previousWeights()).containsExactly(0.4, 0.6);
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        assertThatThrownBy(() -> OptimizerSpecJson.read("{\"method\": \"hrp\", \"gamma\": 1}"))
                .isInstanceOf(OptaicException.class)
                .hasMessageStartingWith("unknown optimiser config key 'gamma'; known: method, risk_model");
        assertThatThrownBy(() -> OptimizerSpecJson.read("{\"method\": \"hrp\", \"bounds\": [0]}"))
                .hasMessage("optimiser config 'bounds' must be [lower, upper], got [0]");
        assertThatThrownBy(() -> OptimizerSpecJson.read("{\"method\": \"efficient_risk\", \"target\": \"high\"}"))
                .hasMessage("optimiser config 'target' must be a number, got \"high\"");
        assertThatThrownBy(() -> OptimizerSpecJson.read("{}"))
                .hasMessageStartingWith("the optimiser config needs 'method': one of hrp, min_volatility");
    }
}
