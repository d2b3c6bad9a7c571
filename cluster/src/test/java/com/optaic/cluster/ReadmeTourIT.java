package com.optaic.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands run as a reader runs them: {@code bin/optaic} in a bash script, from the repository root,
 * against a fresh home. The script is the README's own bash blocks of "The two commands" (but the test command)
 * and "A short tour", so the README cannot rot. The launcher uses the jars this build packaged
 * ({@code OPTAIC_NO_BUILD}: a stale build fails rather than starting Maven inside Maven).
 */
class ReadmeTourIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The bash blocks of the README section under {@code heading}, in order. */
    static List<String> bashBlocks(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = section.indexOf("```bash\n", from);
            if (open < 0) {
                return blocks;
            }
            int close = section.indexOf("\n```", open + 8);
            blocks.add(section.substring(open + 8, close + 1));
            from = close + 4;
        }
    }

    @Test
    void theReadmesCommandsRunOnAFreshHome(@TempDir Path home) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (String block : bashBlocks(readme, "## The two commands")) {
            // the test command is what runs this test; everything else runs as written
            block.lines()
                    .filter(line -> !line.startsWith(".ci/browser"))
                    .forEach(l -> script.append(l).append('\n'));
        }
        List<String> tour = bashBlocks(readme, "## A short tour");
        assertThat(tour).isNotEmpty();
        tour.forEach(script::append);
        assertThat(script.toString()).contains("bin/optaic quickstart").contains("bin/optaic ingest");

        Path log = home.resolve("tour.log");
        try {
            Process bash = reader(home, log, "bash", "-c", script.toString()).start();
            boolean finished = bash.waitFor(6, TimeUnit.MINUTES);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as(output).isTrue();
            assertThat(bash.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("quickstart total")
                    .contains("dataset 'prices'")
                    .contains("dataset 'factors' version 1")
                    .contains("Sharpe ratio")
                    .doesNotContain("error:");
        } finally {
            stopServer(home);
        }
    }

    /** A process as a new reader starts it: from the repository root, with a fresh home and no OptAIC settings. */
    private static ProcessBuilder reader(Path home, Path log, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("OPTAIC_"));
        builder.environment().put("OPTAIC_HOME", home.resolve("optaic").toString());
        builder.environment().put("OPTAIC_NO_BUILD", "1");
        return builder;
    }

    private static void stopServer(Path home) throws IOException, InterruptedException {
        reader(home, home.resolve("db-stop.log"), "bin/optaic", "db", "stop")
                .start()
                .waitFor(2, TimeUnit.MINUTES);
    }
}
