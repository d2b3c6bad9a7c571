package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.jobs.cli.TestingCli.Result;
import com.optaic.jobs.run.RetryPolicy;
import com.optaic.jobs.schedule.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that gave an internal error, a misleading message or nothing at all (issue 14, item 15): each is a user
 * error (exit 2) naming the input.
 */
class UserErrorMessagesTest {
    @TempDir
    Path dir;

    @Test
    void anOutThatIsAnExistingDirectoryIsRefusedAndKept() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out.csv"));
        Path empty = Files.createDirectories(dir.resolve("empty.parquet"));
        Files.writeString(out.resolve("keep.txt"), "mine", StandardCharsets.UTF_8);
        assertUserError(
                optaic("eval", "--synthetic", "5x30", "--expr", "x=close", "--out", out.toString()),
                "Cannot write '" + out + "': it is an existing directory");
        assertUserError(
                optaic("eval", "--synthetic", "5x30", "--expr", "x=close", "--out", empty.toString()),
                "it is an existing directory");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
        assertThat(empty).isEmptyDirectory(); // an atomic move would have replaced it with a file
    }

    @Test
    void aRootThatIsAFileOrARelativeUriIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("root.txt"), "x", StandardCharsets.UTF_8);
        assertUserError(
                optaic("eval", "--dataset", "prices", "--root", file.toString(), "--expr", "x=close"),
                "Cannot use --root '" + file + "': it is a file");
        assertUserError(
                optaic("eval", "--dataset", "prices", "--root", file.toUri().toString(), "--expr", "x=close"),
                "Cannot use --root '" + file.toUri() + "': it is a file");
        assertUserError(
                optaic("eval", "--dataset", "prices", "--root", "file:relative", "--expr", "x=close"),
                "Cannot use --root 'file:relative': 'file:relative' is not a hierarchical URI");
        assertUserError(
                optaic("ingest", "--dataset", "prices", "--root", "file:relative", "--synthetic", "3x10"),
                "Cannot use --root 'file:relative'");
    }

    @Test
    void aNegativePreviewIsRefused() {
        assertUserError(
                optaic("eval", "--synthetic", "5x30", "--expr", "x=close", "--preview-rows", "-5"),
                "--preview-rows must be 0 or more, got -5");
    }

    @Test
    void aJsonOrExpressionFileThatIsNotUtf8IsNamed() throws IOException {
        Path json = dir.resolve("def.json");
        Files.write(json, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        assertThatThrownBy(() -> DefCommand.readFile(json))
                .isInstanceOf(OptaicException.class)
                .hasMessage(json + ": not valid JSON: the file is not UTF-8 text")
                .satisfies(
                        e -> assertThat(((OptaicException) e).code().details().category())
                                .isEqualTo(ErrorCategory.USER_ERROR));
        Path expressions = dir.resolve("x.expr");
        Files.write(expressions, new byte[] {'x', '=', (byte) 0xFF});
        assertUserError(
                optaic("eval", "--synthetic", "5x30", "--expr-file", expressions.toString()),
                "Cannot read expression file '" + expressions + "': it is not UTF-8 text");
    }

    @Test
    void aCronCountsTheFieldsTheUserWrote() {
        assertThatThrownBy(() -> Scheduler.cron("30 1 * * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cron has 5 fields (minute hour day-of-month month day-of-week), found 6 in"
                        + " '30 1 * * * *'");
        assertThatThrownBy(() -> Scheduler.cron("30 1 *")).hasMessageContaining("found 3 in '30 1 *'");
        assertThatThrownBy(() -> Scheduler.cron("61 1 * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("0 61");
        assertThat(Scheduler.cron("30 1 * * *")).isNotNull();
        assertThat(Scheduler.cron("@daily")).isNotNull();
    }

    @Test
    void runAttemptsThatAreNotAPositiveNumberAreASettingError() {
        for (String value : new String[] {"abc", "0", "-1"}) {
            assertThatThrownBy(() -> RetryPolicy.fromEnvironment(Map.of("OPTAIC_RUN_ATTEMPTS", value)))
                    .isInstanceOf(OptaicException.class)
                    .hasMessage("OPTAIC_RUN_ATTEMPTS must be a positive integer, got '" + value + "'")
                    .satisfies(e -> assertThat(
                                    ((OptaicException) e).code().details().category())
                            .isEqualTo(ErrorCategory.USER_ERROR));
        }
    }

    private static void assertUserError(Result result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
