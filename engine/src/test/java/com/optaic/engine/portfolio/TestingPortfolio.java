package com.optaic.engine.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 20 real stocks of {@code shared/data/stock_prices.csv} as returns, and the golden values that the
 * independent numpy/pandas/scipy script {@code portfolio/generate.py} wrote beside it in {@code expected.csv}.
 */
final class TestingPortfolio {
    static final Path PRICES = Path.of("../../shared/data/stock_prices.csv");
    static final double RF = 0.02;

    private static AssetReturns returns;
    private static Map<String, Double> expected;

    private TestingPortfolio() {}

    static synchronized AssetReturns returns() {
        if (returns == null) {
            Panel panel = new PanelReader().readWide(Map.of("close", PRICES));
            returns = AssetReturns.fromPrices(panel, "close");
        }
        return returns;
    }

    static synchronized double expected(String section, String k1, String k2) {
        if (expected == null) {
            expected = new HashMap<>();
            try (InputStream in = TestingPortfolio.class.getResourceAsStream("/portfolio/expected.csv")) {
                List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",", -1);
                    expected.put(f[0] + "," + f[1] + "," + f[2], Double.parseDouble(f[3]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Double v = expected.get(section + "," + k1 + "," + k2);
        assertThat(v).as("golden value %s,%s,%s", section, k1, k2).isNotNull();
        return v;
    }

    static void close(double actual, double want, double rel, double abs, String what) {
        assertThat(Math.abs(actual - want))
                .as("%s: %s vs %s", what, actual, want)
                .isLessThanOrEqualTo(Math.max(abs, rel * Math.abs(want)));
    }
}
