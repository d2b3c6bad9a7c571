package com.optaic.engine.backtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.optaic.engine.backtest.BacktestPath;
import com.optaic.engine.backtest.sweep.SimplePathMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sweep summary under the default conventions agrees with the simulator's own plain summary. */
class SweepMetricsTest {
    @Test
    void agreesWithThePlainSummaryWhereTheDefinitionsCoincideAndSurvivesSerialisation() throws Exception {
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
        double[] plain = new SimplePathMetrics().compute(path);
        // total_return, cagr, volatility, sharpe, max_drawdown, turnover in the plain summary's order
        int[] same = {0, 1, 2, 3, 5, 8};
        for (int i = 0; i < same.length; i++) {
            assertThat(ours[same[i]]).as(shipped.names().get(same[i])).isCloseTo(plain[i], within(1e-9));
        }
        assertThat(shipped.names()).hasSize(ours.length);
    }
}
