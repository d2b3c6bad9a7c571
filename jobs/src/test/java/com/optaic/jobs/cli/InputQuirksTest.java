package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.cli.TestingCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that were silently misread (issue 14, item 9): each is now a user error (exit 2) naming the input,
 * and nothing is written.
 */
class InputQuirksTest {
    @TempDir
    Path dir;

    @Test
    void aWideFieldGivenTwiceIsRefused() throws IOException {
        Path a = write("a.csv", "date,A,B\n2020-01-02,1,2\n2020-01-03,2,3\n");
        Path b = write("b.csv", "date,A,B\n2020-01-02,5,6\n2020-01-03,6,7\n");
        Path out = dir.resolve("out.csv");
        Result result = optaic(
                "eval", "--wide", "close=" + a, "--wide", "close=" + b, "--expr", "x=close", "--out", out.toString());
        assertUserError(result, "--wide gives field 'close' twice ('" + a + "' and '" + b + "')");
        assertThat(out).doesNotExist();
        assertUserError(
                optaic(
                        "ingest",
                        "--dataset",
                        "p",
                        "--root",
                        dir.resolve("root").toString(),
                        "--wide",
                        "close=" + a,
                        "--wide",
                        "close=" + b),
                "--wide gives field 'close' twice");
        assertUserError(optaic("eval", "--wide", "close", "--expr", "x=close"), "--wide 'close' is not FIELD=PATH");
    }

    @Test
    void aNumberThatOverflowsOrUnderflowsIsRefusedLikeInf() throws IOException {
        Path over = write("over.csv", "date,A,B\n2020-01-02,1,2\n2020-01-03,1e400,3\n");
        assertUserError(
                optaic("eval", "--wide", "close=" + over, "--expr", "x=close"),
                "over.csv:3: asset 'A' (column 2): '1e400' is outside the range of a double");
        Path under = write("under.csv", "date,asset,close\n2020-01-02,A,-1e-400\n");
        assertUserError(
                optaic("eval", "--data", under.toString(), "--expr", "x=close"),
                "under.csv:2: field 'close' (column 3): '-1e-400' is outside the range of a double");
    }

    @Test
    void optimizeRefusesAPriceOfZeroOrBelowNamingItsRow() throws IOException {
        StringBuilder text = new StringBuilder("date,A,B,C\n");
        for (int day = 1; day <= 28; day++) {
            String price = day == 17 ? "-1" : String.valueOf(100 + day * (day % 3));
            text.append(String.format("2020-02-%02d,%s,%d,%d%n", day, price, 50 + day, 70 + day % 5));
        }
        Path prices = write("prices.csv", text.toString());
        Path out = dir.resolve("w.csv");
        assertUserError(
                optaic(
                        "optimize",
                        "--prices",
                        prices.toString(),
                        "--wide",
                        "--method",
                        "max_sharpe",
                        "--out",
                        out.toString()),
                "asset 'A' on 2020-02-17 has price -1.0; prices must be finite and above 0");
        assertThat(out).doesNotExist();
    }

    @Test
    void negativePenaltiesAreRefused() {
        Path prices = Path.of("../../shared/data/stock_prices.csv");
        assertUserError(
                optaic(
                        "optimize",
                        "--prices",
                        prices.toString(),
                        "--wide",
                        "--method",
                        "max_sharpe",
                        "--l2-gamma",
                        "-5"),
                "l2_gamma (--l2-gamma) must be a finite number >= 0, got -5.0");
        assertUserError(
                optaic(
                        "optimize",
                        "--prices",
                        prices.toString(),
                        "--wide",
                        "--method",
                        "max_quadratic_utility",
                        "--risk-aversion",
                        "0"),
                "risk_aversion (--risk-aversion) must be a finite number above 0, got 0.0");
    }

    @Test
    void duplicateJsonKeysAreRefusedWhereverUsersWriteJson() throws IOException {
        assertThatThrownBy(() -> InstanceCommand.parseConfig("{\"days\": 10, \"days\": 20}"))
                .isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(JobsErrorCode.BAD_RUN_CONFIG))
                .hasMessageContaining("Duplicate field 'days'");
        assertThatThrownBy(() -> InstanceCommand.parseConfig("{\"pipeline\": {\"kind\": \"a\", \"kind\": \"b\"}}"))
                .hasMessageContaining("Duplicate field 'kind'");
        Path definition = write("def.json", "{\n  \"name\": \"x\",\n  \"code_ref\": \"a\",\n  \"name\": \"y\"\n}\n");
        assertThatThrownBy(() -> DefCommand.readFile(definition))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining(definition + ":4:")
                .hasMessageContaining("Duplicate field 'name'");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void assertUserError(Result result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
