package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optaic optimize} on the 20 real stocks against the values of the independent numpy/scipy script
 * {@code engine/src/test/resources/portfolio/generate.py}.
 */
class OptimizeCommandTest {
    private static final Path PRICES = Path.of("../../shared/data/stock_prices.csv");
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/portfolio/expected.csv");
    private static final Pattern NUMBER_IN_BRACKETS = Pattern.compile("\\((-?[0-9.]+)");
    private static final Map<String, Double> EXPECTED = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        List<String> lines = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            EXPECTED.put(f[0] + "," + f[1], Double.parseDouble(f[3]));
        }
    }

    private static double expected(String section, String key) {
        Double v = EXPECTED.get(section + "," + key);
        assertThat(v).as(section + "," + key).isNotNull();
        return v;
    }

    /** The printed weights and triple against a golden section (weights to 1e-6 as printed to 10 decimals). */
    private static void checkPrinted(Result result, String section, double weightTolerance) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("asset,weight");
        assertThat(lines).hasSize(24);
        for (String line : lines.subList(1, 21)) {
            String[] f = line.split(",");
            assertThat(Double.parseDouble(f[1])).as(line).isCloseTo(expected(section, f[0]), within(weightTolerance));
        }
        String[] keys = {"ret", "vol", "sharpe"};
        for (int i = 0; i < 3; i++) {
            Matcher m = NUMBER_IN_BRACKETS.matcher(lines.get(21 + i));
            assertThat(m.find()).as(lines.get(21 + i)).isTrue();
            double want = expected("perf_" + section, keys[i]);
            assertThat(Double.parseDouble(m.group(1)))
                    .as(lines.get(21 + i))
                    .isCloseTo(want, within(1e-6 * Math.abs(want)));
        }
    }

    @Test
    void maxSharpeOnTheRealStocksWritesTheWeightsPanel() throws IOException {
        Path out = dir.resolve("weights.csv");
        Result result = optaic(
                "optimize", "--prices", PRICES.toString(), "--wide", "--method", "max_sharpe", "--out", out.toString());
        checkPrinted(result, "max_sharpe", 1e-6);
        assertThat(result.out()).contains("Sharpe ratio: 1.2848");
        List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(written.get(0)).isEqualTo("date,asset,weight");
        assertThat(written).hasSize(21);
        String lastDate = Files.readAllLines(PRICES, StandardCharsets.UTF_8).stream()
                .reduce((a, b) -> b)
                .orElseThrow()
                .split(",")[0];
        for (String line : written.subList(1, 21)) {
            String[] f = line.split(",");
            assertThat(f[0]).isEqualTo(lastDate);
            assertThat(Double.parseDouble(f[2])).isCloseTo(expected("max_sharpe", f[1]), within(1e-6));
        }
    }

    @Test
    void eachMethodMatchesTheReference() {
        String p = PRICES.toString();
        checkPrinted(optaic("optimize", "--prices", p, "--wide", "--method", "hrp"), "hrp", 1e-9);
        checkPrinted(optaic("optimize", "--prices", p, "--wide", "--method", "min_volatility"), "min_volatility", 1e-6);
        checkPrinted(
                optaic("optimize", "--prices", p, "--wide", "--method", "efficient_risk", "--target", "0.25"),
                "efficient_risk_025",
                1e-6);
        checkPrinted(
                optaic("optimize", "--prices", p, "--wide", "--method", "efficient_return", "--target", "0.2"),
                "efficient_return_02",
                1e-6);
        checkPrinted(
                optaic(
                        "optimize",
                        "--prices",
                        p,
                        "--wide",
                        "--method",
                        "max_quadratic_utility",
                        "--risk-aversion",
                        "5"),
                "mqu_5",
                1e-6);
        checkPrinted(
                optaic("optimize", "--prices", p, "--wide", "--method", "min_volatility", "--bounds", "0.02,0.2"),
                "bounded_min_volatility",
                1e-6);
        checkPrinted(
                optaic(
                        "optimize",
                        "--prices",
                        p,
                        "--wide",
                        "--method",
                        "efficient_risk",
                        "--target",
                        "0.15",
                        "--market-neutral"),
                "neutral_efficient_risk_015",
                1e-6);
    }

    @Test
    void riskParityAndRiskModels() {
        Result erc = optaic("optimize", "--prices", PRICES.toString(), "--wide", "--method", "risk_parity");
        assertThat(erc.exitCode()).as(erc.err()).isZero();
        for (String line : erc.out().lines().toList().subList(1, 21)) {
            String[] f = line.split(",");
            assertThat(Double.parseDouble(f[1])).isCloseTo(expected("rp_erc", f[0]), within(1e-9));
        }
        Result lw = optaic(
                "optimize",
                "--prices",
                PRICES.toString(),
                "--wide",
                "--method",
                "min_volatility",
                "--risk-model",
                "ledoit_wolf");
        assertThat(lw.exitCode()).as(lw.err()).isZero();
        assertThat(lw.out())
                .isNotEqualTo(optaic("optimize", "--prices", PRICES.toString(), "--wide", "--method", "min_volatility")
                        .out());
    }

    @Test
    void infeasibleProblemsSayWhyAndExitTwo() {
        String p = PRICES.toString();
        Result sharpe = optaic("optimize", "--prices", p, "--wide", "--method", "max_sharpe", "--rf", "0.5");
        assertThat(sharpe.exitCode()).isEqualTo(2);
        assertThat(sharpe.err())
                .isEqualTo("error: max_sharpe needs at least one expected return above the " + "risk-free rate 0.5\n");
        Result risk = optaic("optimize", "--prices", p, "--wide", "--method", "efficient_risk", "--target", "0.1");
        assertThat(risk.exitCode()).isEqualTo(2);
        assertThat(risk.err())
                .startsWith(
                        "error: efficient_risk target volatility 0.1 is below the minimum " + "volatility 0.159150845");
        Result ret = optaic("optimize", "--prices", p, "--wide", "--method", "efficient_return", "--target", "0.9");
        assertThat(ret.exitCode()).isEqualTo(2);
        assertThat(ret.err())
                .startsWith("error: efficient_return target return 0.9 is above the maximum attainable "
                        + "return 0.3886658");
        Result bounds = optaic("optimize", "--prices", p, "--wide", "--method", "min_volatility", "--bounds", "0,0.04");
        assertThat(bounds.exitCode()).isEqualTo(2);
        assertThat(bounds.err())
                .isEqualTo("error: the weight bounds cannot sum to 1: the upper bounds add up to 0.8\n");
        Result noTarget = optaic("optimize", "--prices", p, "--wide", "--method", "efficient_return");
        assertThat(noTarget.err()).isEqualTo("error: efficient_return needs a target (annual return)\n");
        Result unknown = optaic("optimize", "--prices", p, "--wide", "--method", "max_sortino");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: unknown method 'max_sortino'; known: hrp, min_volatility");
        Result missing = optaic("optimize", "--prices", "nope.csv", "--wide", "--method", "hrp");
        assertThat(missing.exitCode()).isEqualTo(2); // the panel readers report a missing file as a user error
        assertThat(missing.err()).contains("nope.csv");
    }
}
