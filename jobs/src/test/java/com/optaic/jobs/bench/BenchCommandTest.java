package com.optaic.jobs.bench;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.jobs.cli.TestingCli.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks run from their own main at a small size; the production command line no longer has them. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchIsNotACommandOfOptaic() {
        Result result = optaic("bench", "kernels");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument").contains("'bench'");
    }

    @Test
    void kernelsPrintOneRowPerFamily() {
        Result result = bench("kernels", "--assets", "20", "--days", "300", "--repeats", "1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("kernel ns/element, single thread, 20 assets x 300 days");
        assertThat(lines)
                .anyMatch(l -> l.startsWith("baseline read+write"))
                .anyMatch(l -> l.startsWith("TS_MAD (log n)"))
                .anyMatch(l -> l.startsWith("ZSCORE (per date)"));
    }

    @Test
    void endToEndReportsTheMedianLast() {
        Result result = bench("e2e", "--assets", "20", "--days", "300", "--repeats", "1", "--dir", dir.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(lines.size() - 1))
                .matches("bench e2e: 20 assets x 300 days, 8 expressions, median total \\d+\\.\\d{3}s \\(first run .*");
        assertThat(dir.resolve("factors.parquet")).exists();
    }

    @Test
    void badOptionsAreUserErrors() {
        Result result = bench("kernels", "--assets", "many");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--assets").contains("many");
    }

    private static Result bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
