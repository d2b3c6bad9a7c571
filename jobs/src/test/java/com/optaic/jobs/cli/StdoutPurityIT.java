package com.optaic.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output carries only the command's own output, in a real process: ojAlgo's hardware-profile notice,
 * printed on {@code System.out} the first time an optimiser runs, goes to standard error.
 */
class StdoutPurityIT {
    private static final Path PRICES =
            Path.of("../../shared/data/stock_prices.csv").toAbsolutePath().normalize();

    @Test
    void aLibraryPrintingOnSystemOutDoesNotReachStdout(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens"))
                .toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of("optimize", "--prices", PRICES.toString(), "--wide", "--method", "max_sharpe"));
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
        assertThat(out).startsWith("asset,weight\n").contains("Sharpe ratio").doesNotContain("ojAlgo");
        assertThat(out.lines().filter(line -> !line.contains(",") && !line.contains(":")))
                .as("every stdout line is a CSV row or a metric")
                .isEmpty();
    }
}
