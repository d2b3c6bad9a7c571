package com.optaic.engine.backtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.optaic.engine.backtest.BacktestPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A sweep's row under the default conventions: the textbook formulas (written out here, A = 252, wealth starting
 * at the initial capital) for what they define, and it survives the trip to a Spark executor.
 */
class SweepMetricsTest {
    @Test
    void matchesTheTextbookFormulasAndSurvivesSerialisation() throws Exception {
        Random random = new Random(5);
        int n = 400;
        int[] days = new int[n];
        double[] net = new double[n];
        double[] equity = new double[n];
        double[] turnover = new double[n];
        double w = 1e6;
        for (int t = 0; t < n; t++) {
            days[t] = 19000 + t;
            net[t] = random.nextGaussian() * 0.01 + 0.0003;
            w *= 1 + net[t];
            equity[t] = w;
            turnover[t] = random.nextDouble() * 0.2;
        }
        BacktestPath path = new BacktestPath(days, 1e6, equity, net, net.clone(), new double[n], turnover);
        SweepMetrics metrics = new SweepMetrics(MetricConventions.defaults(MetricPreset.OPTAIC));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(metrics);
        }
        SweepMetrics shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (SweepMetrics) in.readObject();
        }
        double[] ours = shipped.compute(path);
        assertThat(ours).containsExactly(metrics.compute(path));

        double mean = Arrays.stream(net).average().orElseThrow();
        double std =
                Math.sqrt(Arrays.stream(net).map(r -> (r - mean) * (r - mean)).sum() / (n - 1));
        double peak = 1e6;
        double maxDrawdown = 0;
        for (double wealth : equity) {
            peak = Math.max(peak, wealth);
            maxDrawdown = Math.min(maxDrawdown, wealth / peak - 1);
        }
        double growth = equity[n - 1] / 1e6;
        Map<String, Double> textbook = Map.of(
                "total_return",
                growth - 1,
                "cagr",
                Math.pow(growth, 252.0 / n) - 1,
                "annual_volatility",
                std * Math.sqrt(252),
                "sharpe",
                mean / std * Math.sqrt(252),
                "max_drawdown",
                maxDrawdown,
                "annual_turnover",
                Arrays.stream(turnover).average().orElseThrow() * 252);
        textbook.forEach((name, value) ->
                assertThat(ours[shipped.names().indexOf(name)]).as(name).isCloseTo(value, within(1e-9)));
        assertThat(shipped.names()).hasSize(ours.length);
    }
}
