package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.metrics.SweepMetrics;
import com.optaic.engine.backtest.sweep.SweepGrid;
import com.optaic.engine.backtest.sweep.SweepResult;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.io.OutputPaths;
import com.optaic.engine.io.PanelReader;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.backtest.BacktestConfig;
import com.optaic.jobs.backtest.BacktestEvaluation;
import com.optaic.jobs.backtest.BacktestRunType;
import com.optaic.jobs.backtest.InProcessSweep;
import com.optaic.jobs.report.BacktestReport;
import com.optaic.jobs.report.Lineage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optaic backtest}: a BacktestRun without the store. The options become a BacktestInstance config, parsed
 * by {@link BacktestConfig#parse} (so the settings, grid and metric conventions are checked exactly as a run's
 * are), and the backtest is {@link BacktestEvaluation}, the code a BacktestRun executes.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Backtest a signal over prices in this process and print the metrics a BacktestRun records "
                    + "(net and gross performance, the signal's IC), or with --grid a sweep's table.",
            "Example: optaic backtest --prices stock_prices.csv --wide --signal '-1 * (close / delay(close, 5) - 1)' "
                    + "--rule top_bottom --n 5 --rebalance weekly --costs 5 --report report.html",
            "Settings are a BacktestInstance config's 'backtest' keys (docs/backtests.md); --set KEY=VALUE gives any."
        })
final class BacktestCommand implements Runnable {
    /** Stands for the price file where a config names a dataset id. */
    private static final UUID FILE = new UUID(0, 0);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Prices (exactly one):%n")
    Input input;

    static final class Input {
        @Option(
                names = "--prices",
                paramLabel = "FILE",
                description = "A long panel date,asset,close[,open,vwap,volume,...] (.csv, .parquet, .arrow) or, "
                        + "with --wide, a CSV date,<asset1>,<asset2>,... of closes.")
        Path prices;

        @Option(
                names = "--dataset",
                paramLabel = "NAME[@V]|ID[@V]",
                description = "A dataset version: a file dataset under --root, or a store dataset by id.")
        String dataset;
    }

    @Option(names = "--wide", description = "--prices is a wide CSV of closes: one column per asset.")
    boolean wide;

    @Mixin
    StorageRootOption root;

    @Option(
            names = "--signal",
            required = true,
            paramLabel = "EXPR",
            description = "The signal expression over the prices, e.g. 'rank(-delta(close, 5))'; "
                    + "{name} placeholders take their values from --grid.")
    String signal;

    @Option(names = "--rule", paramLabel = "RULE", description = "top_bottom | quantiles | proportional | weights.")
    String rule;

    @Option(names = "--n", paramLabel = "N", description = "top_bottom: names on each side.")
    String n;

    @Option(names = "--side", paramLabel = "SIDE", description = "long_only | long_short | dollar_neutral.")
    String side;

    @Option(names = "--rebalance", paramLabel = "WHEN", description = "daily | weekly | monthly | on_change.")
    String rebalance;

    @Option(names = "--costs", paramLabel = "BPS", description = "Commission in basis points of notional.")
    String costs;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Any other backtest setting, e.g. --set half_spread_bps=3 --set fill_price=next_open.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--grid",
            paramLabel = "KEY=V1,V2",
            description = "Sweep a setting or a {placeholder} of --signal over values; repeat for more axes.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--benchmark", paramLabel = "ASSET", description = "An asset of the prices as the benchmark.")
    String benchmark;

    @Option(names = "--preset", paramLabel = "PRESET", description = "Metric conventions (default optaic).")
    String preset;

    @Option(names = "--rf", paramLabel = "R", description = "Annual risk-free rate (default the preset's).")
    Double riskFreeRate;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write an HTML tear sheet.")
    Path report;

    @Option(names = "--json", description = "Print only JSON on stdout: the run's metrics, or the sweep's rows.")
    boolean json;

    @Override
    public void run() {
        if (report != null) {
            if (!report.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
                throw new OptaicException(JobsErrorCode.BAD_OPTION, "--report writes HTML: give a .html file");
            }
            if (input.prices != null) {
                OutputPaths.requireApartFromInputs("--report", report, Map.of("--prices", input.prices));
            }
        }
        if (wide && input.prices == null) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--wide applies to --prices only");
        }
        if (root.given() && input.dataset == null) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--root applies to --dataset only");
        }
        BacktestConfig config = config();
        Panel prices = readPrices();
        if (benchmark != null && !Arrays.asList(prices.assets()).contains(benchmark)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--benchmark '" + benchmark + "' is not an asset of the prices; they have "
                            + Arrays.toString(prices.assets()));
        }
        PrintWriter out = spec.commandLine().getOut();
        String source = input.prices != null ? input.prices.toString() : "dataset " + input.dataset;
        Lineage lineage = Lineage.of(source, signal, settingsText(config), VersionProvider.version());
        if (config.isSweep()) {
            SweepResult sweep = InProcessSweep.run(
                    prices, prices, config.signal(), config.grid().get(), new SweepMetrics(config.conventions()));
            if (report != null) { // before stdout: a report that cannot be written leaves no output
                BacktestReport.sweep(config.grid().get(), sweep, lineage).write(report);
            }
            if (json) {
                out.println(sweepJson(config.grid().get(), sweep).toPrettyString());
            } else {
                printSweep(out, config.grid().get(), sweep);
            }
        } else {
            BacktestEvaluation.Outcome outcome = BacktestEvaluation.run(
                    prices,
                    prices,
                    config.signal(),
                    config.spec(),
                    config.conventions(),
                    market -> config.benchmark().map(b -> BacktestRunType.benchmarkReturns(b, prices, market)));
            if (report != null) {
                BacktestReport.single(outcome, lineage).write(report);
            }
            if (json) {
                out.println(outcome.metrics().toPrettyString());
            } else {
                printMetrics(out, outcome.metrics());
            }
        }
        if (report != null) {
            spec.commandLine().getErr().println("report -> " + report);
        }
    }

    /** The options as a BacktestInstance config, parsed as a run's; its messages name the options. */
    private BacktestConfig config() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("prices", FILE.toString());
        config.putObject("signal").put("expression", signal);
        ObjectNode backtest = config.putObject("backtest");
        putIf(backtest, "rule", rule);
        putIf(backtest, "n", n);
        putIf(backtest, "side", side);
        putIf(backtest, "rebalance", rebalance);
        putIf(backtest, "commission_bps", costs);
        settings.forEach((key, value) -> {
            if (backtest.has(key)) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "--set " + key + " repeats a setting given by its own option");
            }
            backtest.put(key, value);
        });
        ObjectNode metrics = config.putObject("metrics");
        putIf(metrics, "preset", preset);
        if (riskFreeRate != null) {
            metrics.put("risk_free_rate", riskFreeRate);
        }
        if (benchmark != null) {
            config.putObject("benchmark").put("asset", benchmark);
        }
        if (!grid.isEmpty()) {
            ObjectNode axes = config.putObject("grid");
            for (String axis : grid) {
                int eq = axis.indexOf('=');
                if (eq < 1 || eq == axis.length() - 1) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_OPTION, "--grid '" + axis + "' is not KEY=V1,V2,..., e.g. --grid n=5,10");
                }
                String key = axis.substring(0, eq);
                if (axes.has(key)) {
                    throw new OptaicException(JobsErrorCode.BAD_OPTION, "--grid gives '" + key + "' twice");
                }
                ArrayNode values = axes.putArray(key);
                for (String value : axis.substring(eq + 1).split(",", -1)) {
                    values.add(value.trim());
                }
            }
        }
        try {
            return BacktestConfig.parse(config);
        } catch (OptaicException e) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, optionWords(e.getMessage()), e);
        }
    }

    /** A config message in the command's words: 'grid.n[1]' is --grid n, a setting its option or --set. */
    static String optionWords(String message) {
        Matcher setting = SETTING.matcher(message);
        if (setting.find()) {
            String key = setting.group(1);
            String option = OPTION_OF_SETTING.getOrDefault(key, "--set " + key);
            message = message.substring(0, setting.start()) + option + " " + message.substring(setting.end());
        }
        return message.replace("BacktestInstance config 'backtest': ", "")
                .replace("BacktestInstance config 'grid.", "--grid '")
                .replace("BacktestInstance config 'grid'", "--grid")
                .replace("BacktestInstance config 'backtest.", "--set '")
                .replace("BacktestInstance config 'metrics': ", "--preset/--rf: ")
                .replace("BacktestInstance config 'metrics.preset'", "--preset")
                .replace("BacktestInstance config 'metrics.risk_free_rate'", "--rf")
                .replace("BacktestInstance config 'signal.expression'", "--signal")
                .replace("BacktestInstance config 'benchmark.asset'", "--benchmark")
                .replace("BacktestInstance config ", "");
    }

    /** How the settings parser names a setting in its messages. */
    private static final Pattern SETTING = Pattern.compile("Backtest setting ([a-z_]+)=");

    private static final Map<String, String> OPTION_OF_SETTING = Map.of(
            "rule", "--rule", "n", "--n", "side", "--side", "rebalance", "--rebalance", "commission_bps", "--costs");

    private static void putIf(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private Panel readPrices() {
        Panel panel;
        if (input.prices != null) {
            panel = wide ? new PanelReader().readWide(Map.of("close", input.prices)) : readLong(input.prices);
        } else {
            DatasetArgument argument = DatasetArgument.parse("--dataset", input.dataset);
            EvalDatasetInput dataset = argument.storeId().isPresent()
                    ? EvalDatasetInput.inStore(argument, argument.storeId().get(), OptaicCommand.environment(spec))
                    : EvalDatasetInput.inFileCatalog(
                            DatasetArgument.root(root.root, OptaicCommand.environment(spec)), argument);
            panel = new DatasetReader(dataset.root(), dataset.catalog())
                    .read(dataset.version(), DatasetQuery.all())
                    .panel();
        }
        if (panel.numeric("close").isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    (input.prices != null ? "--prices '" + input.prices + "'" : "--dataset " + input.dataset)
                            + " has no numeric 'close' field; fields: "
                            + panel.numericFields().keySet()
                            + (input.prices != null && !wide ? " (a wide CSV of closes needs --wide)" : ""));
        }
        return panel;
    }

    /** A long panel; a CSV without an asset column is most likely wide, which the message suggests. */
    private static Panel readLong(Path file) {
        try {
            return new PanelReader().read(file);
        } catch (OptaicException e) {
            if (e.getMessage().contains("no 'asset' column")) {
                throw new OptaicException(
                        e.code(), e.getMessage() + " (a wide CSV, one column per asset, needs --wide)", e);
            }
            throw e;
        }
    }

    private static Map<String, String> settingsText(BacktestConfig config) {
        Map<String, String> text = new LinkedHashMap<>(config.spec().toConfig());
        config.grid().ifPresent(g -> g.settings().keySet().forEach(text::remove));
        text.put(
                "metrics",
                config.conventions().preset().label() + ", "
                        + config.conventions().periodsPerYear() + " periods a year, risk-free "
                        + config.conventions().riskFreeRate());
        config.grid().ifPresent(g -> text.put("grid", g.parameters().toString()));
        config.benchmark().ifPresent(b -> text.put("benchmark", b.asset()));
        return text;
    }

    /** The headline metrics, net beside gross, then the signal's IC at each horizon. */
    private static void printMetrics(PrintWriter out, JsonNode metrics) {
        out.printf(
                Locale.ROOT,
                "%d dates x %d assets%n",
                metrics.get("dates").asInt(),
                metrics.get("assets").asInt());
        out.printf(Locale.ROOT, "%-26s %14s %14s%n", "metric", "net", "gross");
        JsonNode net = metrics.get("net");
        JsonNode gross = metrics.get("gross");
        for (Iterator<String> it = net.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (net.get(key).isNumber()
                    || net.get(key).isNull() && gross.path(key).isNull()) {
                out.printf(Locale.ROOT, "%-26s %14s %14s%n", key, number(net.get(key)), number(gross.get(key)));
            }
        }
        out.printf(
                Locale.ROOT,
                "fills %d, open trades %d%n",
                metrics.get("fills").asInt(),
                metrics.get("open_trades").asInt());
        out.printf(Locale.ROOT, "%-8s %12s %12s %12s%n", "horizon", "ic_mean", "rank_ic_mean", "spread_mean");
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.get("signal").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            out.printf(
                    Locale.ROOT,
                    "%-8s %12s %12s %12s%n",
                    h.getKey(),
                    number(h.getValue().at("/ic/mean")),
                    number(h.getValue().at("/rank_ic/mean")),
                    number(h.getValue().at("/quantile_spread/mean")));
        }
    }

    private static String number(JsonNode value) {
        return value == null || !value.isNumber() ? "-" : String.format(Locale.ROOT, "%.6f", value.asDouble());
    }

    private static void printSweep(PrintWriter out, BacktestConfig.Grid grid, SweepResult sweep) {
        List<String> columns = new ArrayList<>(grid.parameters().keySet());
        StringBuilder header = new StringBuilder("combination");
        columns.forEach(c -> header.append(',').append(c));
        sweep.metricNames().forEach(m -> header.append(',').append(m));
        out.println(header);
        for (SweepGrid.Combination c : sweep.combinations()) {
            StringBuilder line = new StringBuilder(c.id());
            for (String column : columns) {
                line.append(',').append(value(grid, c, column));
            }
            for (double v : sweep.metrics()[c.index()]) {
                line.append(',').append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "");
            }
            out.println(line);
        }
    }

    static String value(BacktestConfig.Grid grid, SweepGrid.Combination c, String parameter) {
        return grid.signalParameters().containsKey(parameter)
                ? c.signalValues().get(parameter)
                : c.config().get(parameter);
    }

    private static JsonNode sweepJson(BacktestConfig.Grid grid, SweepResult sweep) {
        ArrayNode rows = JSON.createArrayNode();
        for (SweepGrid.Combination c : sweep.combinations()) {
            ObjectNode row = rows.addObject();
            row.put("combination", c.id());
            ObjectNode parameters = row.putObject("parameters");
            grid.parameters().keySet().forEach(p -> parameters.put(p, value(grid, c, p)));
            ObjectNode values = row.putObject("metrics");
            for (int k = 0; k < sweep.metricNames().size(); k++) {
                double v = sweep.metrics()[c.index()][k];
                if (Double.isFinite(v)) {
                    values.put(sweep.metricNames().get(k), v);
                } else {
                    values.putNull(sweep.metricNames().get(k));
                }
            }
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("combinations", rows);
        return result;
    }
}
