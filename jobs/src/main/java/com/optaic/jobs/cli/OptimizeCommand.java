package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.io.OutputPaths;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.portfolio.AssetReturns;
import com.optaic.engine.portfolio.OptimizerSpec;
import com.optaic.engine.portfolio.PortfolioOptimization;
import com.optaic.engine.portfolio.RollingOptimization;
import com.optaic.jobs.JobsErrorCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "optimize",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Optimise a portfolio over a price file with PyPortfolioOpt's conventions and print the "
                    + "weights and (expected annual return, annual volatility, Sharpe ratio).",
            "Example: optaic optimize --prices stock_prices.csv --wide --method max_sharpe --out weights.csv",
            "Returns are simple and per asset over its own history; expected returns are the CAGR with 252 "
                    + "periods a year; the risk-free rate is annual."
        })
final class OptimizeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--prices",
            required = true,
            paramLabel = "FILE",
            description = "Prices: a long panel (date,asset,<field>; .csv, .parquet, .arrow) or with --wide a CSV "
                    + "date,<asset1>,<asset2>,...")
    Path prices;

    @Option(names = "--wide", description = "The price file is wide: one column per asset.")
    boolean wide;

    @Option(
            names = "--field",
            paramLabel = "NAME",
            defaultValue = "close",
            description = "The price field of a long panel (default close).")
    String field;

    @Option(
            names = "--method",
            required = true,
            paramLabel = "METHOD",
            description = "hrp | min_volatility | max_sharpe | efficient_risk | efficient_return | "
                    + "max_quadratic_utility | risk_parity")
    String method;

    @Option(names = "--rf", paramLabel = "R", defaultValue = "0.02", description = "Annual risk-free rate (0.02).")
    double riskFreeRate;

    @Option(
            names = "--target",
            paramLabel = "X",
            description = "efficient_risk: the annual volatility; efficient_return: the annual return.")
    Double target;

    @Option(
            names = "--risk-model",
            paramLabel = "MODEL",
            defaultValue = "sample",
            description =
                    "sample | ledoit_wolf | ledoit_wolf_constant_correlation | semicovariance | exp (default sample).")
    String riskModel;

    @Option(
            names = "--bounds",
            paramLabel = "LO,HI",
            split = ",",
            description = "Per-asset weight bounds (default 0,1; -1,1 with --market-neutral).")
    double[] bounds;

    @Option(
            names = "--risk-aversion",
            paramLabel = "DELTA",
            defaultValue = "1",
            description = "max_quadratic_utility's risk aversion (default 1).")
    double riskAversion;

    @Option(
            names = "--market-neutral",
            description = "Weights sum to 0 (efficient_risk, efficient_return, " + "max_quadratic_utility).")
    boolean marketNeutral;

    @Option(
            names = "--l2-gamma",
            paramLabel = "GAMMA",
            defaultValue = "0",
            description = "L2 regularisation gamma * sum(w^2) (default 0).")
    double l2Gamma;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the weights as a panel date,asset,weight (.csv, .parquet or .arrow), dated the last "
                    + "price date.")
    Path out;

    @Override
    public void run() {
        if (bounds != null && bounds.length != 2) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "--bounds takes LO,HI, got " + bounds.length + " numbers");
        }
        if (out != null) {
            OutputPaths.requireApartFromInputs("--out", out, Map.of("--prices", prices));
        }
        OptimizerSpec optimizer = new OptimizerSpec(
                method,
                riskModel,
                "cagr",
                riskFreeRate,
                target == null ? OptionalDouble.empty() : OptionalDouble.of(target),
                riskAversion,
                bounds == null ? OptionalDouble.empty() : OptionalDouble.of(bounds[0]),
                bounds == null ? OptionalDouble.empty() : OptionalDouble.of(bounds[1]),
                marketNeutral,
                l2Gamma,
                0,
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of());
        Panel panel = wide ? new PanelReader().readWide(Map.of(field, prices)) : new PanelReader().read(prices);
        if (panel.numeric(field).isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "'" + prices + "' has no numeric field '" + field + "'; fields: "
                            + panel.numericFields().keySet());
        }
        AssetReturns returns = AssetReturns.fromPrices(panel, field);
        PortfolioOptimization.Result result =
                PortfolioOptimization.of(returns, optimizer).optimize(optimizer);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("asset,weight");
        for (int a = 0; a < result.assets().length; a++) {
            stdout.printf(Locale.ROOT, "%s,%.10f%n", result.assets()[a], result.weights()[a]);
        }
        stdout.printf(
                Locale.ROOT,
                "Expected annual return: %.2f%% (%.10f)%n",
                100 * result.performance().expectedReturn(),
                result.performance().expectedReturn());
        stdout.printf(
                Locale.ROOT,
                "Annual volatility: %.2f%% (%.10f)%n",
                100 * result.performance().volatility(),
                result.performance().volatility());
        stdout.printf(
                Locale.ROOT,
                "Sharpe ratio: %.4f (%.10f; rf %s)%n",
                result.performance().sharpe(),
                result.performance().sharpe(),
                riskFreeRate);
        if (out != null) {
            new PanelWriter()
                    .write(
                            RollingOptimization.weightsPanel(
                                    panel.date(panel.dateCount() - 1), result.assets(), result.weights()),
                            out);
            spec.commandLine().getErr().println(result.assets().length + " weights -> " + out);
        }
    }
}
