package com.optaic.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.cli.TestingCli;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tear sheets in a real browser: headless Chromium (Debian's {@code chromium}; {@code .ci/browser} installs
 * it) opens each report from a file with the network features off, and the test fails on any console message,
 * counts the charts in the rendered DOM (each with a drawn mark), and checks the screenshot is not blank.
 */
class ReportBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path PRICES = Path.of("../../shared/data/stock_prices.csv");
    static final String REVERSAL = "-1 * (close / delay(close, 5) - 1)";
    private static final Pattern CHART = Pattern.compile("<svg class=\"chart ([a-z]+)\"(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern MARK = Pattern.compile("<path class=\"series\"[^>]* d=\"M[0-9.]+,[0-9.]+L|<rect ");

    @TempDir
    static Path dir;

    @BeforeAll
    static void browser() {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("headless Chromium at " + CHROMIUM + ": run .ci/browser (apt-get install -y chromium)")
                .isTrue();
    }

    static Path backtest(String name, String... extra) {
        Path report = dir.resolve(name + ".html");
        List<String> args = new ArrayList<>(List.of(
                "backtest",
                "--prices",
                PRICES.toString(),
                "--wide",
                "--signal",
                REVERSAL,
                "--rule",
                "top_bottom",
                "--rebalance",
                "weekly",
                "--costs",
                "5",
                "--report",
                report.toString()));
        args.addAll(List.of(extra));
        TestingCli.Result result = TestingCli.optaic(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return report;
    }

    @Test
    void aBacktestTearSheetRendersEveryChart() throws Exception {
        Path report = backtest("backtest", "--n", "5", "--benchmark", "AAPL");
        String dom = render(report, "backtest");
        assertCharts(dom, BacktestReport.SINGLE_CHARTS, List.of("line", "area", "heatmap", "bar"));
    }

    @Test
    void aSweepTearSheetRendersItsHeatmapAndCurves() throws Exception {
        Path report = backtest("sweep", "--grid", "n=2,4,6", "--grid", "signal_lag=1,2");
        String dom = render(report, "sweep");
        assertCharts(dom, BacktestReport.SWEEP_CHARTS, List.of("heatmap", "line"));
    }

    /** The charts (the lineage graph aside) by kind, each with at least one drawn mark. */
    private static void assertCharts(String dom, int expected, List<String> kinds) {
        Matcher m = CHART.matcher(dom);
        List<String> seen = new ArrayList<>();
        boolean lineage = false;
        while (m.find()) {
            if (m.group(1).equals("lineage")) {
                lineage = true;
                assertThat(m.group(2)).contains("<g class=\"node run\">", "<line class=\"edge\"");
                continue;
            }
            seen.add(m.group(1));
            assertThat(MARK.matcher(m.group(2)).find())
                    .as("a mark in chart " + seen.size())
                    .isTrue();
        }
        assertThat(seen).hasSize(expected).containsAll(kinds);
        assertThat(lineage).as("the lineage graph").isTrue();
    }

    /** Opens the report twice: --dump-dom (console logged to stderr) and --screenshot; returns the DOM. */
    private static String render(Path report, String name) throws Exception {
        String url = report.toUri().toString();
        Run dom = chromium(name + "-dom", "--enable-logging=stderr", "--v=0", "--dump-dom", url);
        assertThat(dom.exit()).as(dom.err()).isZero();
        List<String> console =
                dom.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertThat(console).as("console messages").isEmpty();
        assertThat(dom.out()).contains("</svg>").doesNotContain("<script", "<img", "<link");

        Path png = dir.resolve(name + ".png");
        Run shot = chromium(name + "-shot", "--window-size=800,2400", "--hide-scrollbars", "--screenshot=" + png, url);
        assertThat(shot.exit()).as(shot.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot " + png).isNotNull();
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff) {
                    inked++;
                }
            }
        }
        double share = inked / (image.getWidth() * image.getHeight() / 4.0);
        assertThat(share).as("share of non-white pixels in " + png).isGreaterThan(0.02);
        Path keep = Path.of(System.getProperty("optaic.report.screenshots", ""));
        if (!keep.toString().isEmpty()) {
            Files.createDirectories(keep);
            Files.copy(png, keep.resolve("report-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        return dom.out();
    }

    record Run(int exit, String out, String err) {}

    /** Chromium with a fresh profile and the network features off. */
    private static Run chromium(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, name)));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
