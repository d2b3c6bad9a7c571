package com.optaic.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output directory replaces only what OptAIC wrote there: the hostile cases of issue 14, finding 1. */
class OutputDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void refusesADirectoryHoldingOnlyHiddenAndUnderscoreEntriesItDidNotWrite() throws IOException {
        Path repository = Files.createDirectory(dir.resolve("repo"));
        Files.createDirectories(repository.resolve(".git/objects"));
        Files.writeString(repository.resolve(".git/HEAD"), "ref: refs/heads/main\n", StandardCharsets.UTF_8);
        Files.writeString(repository.resolve(".env"), "SECRET=1\n", StandardCharsets.UTF_8);
        Files.writeString(repository.resolve("_important_notes.txt"), "keep\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OutputDirectory.create(repository, false))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("'" + repository + "'")
                .hasMessageContaining("'.env'")
                .hasMessageContaining("not written by OptAIC");
        assertThat(entries(repository)).containsExactly(".env", ".git", "_important_notes.txt");
        assertThat(repository.resolve(".git/HEAD")).hasContent("ref: refs/heads/main");
        assertThat(entries(dir)).containsExactly("repo"); // no staging directory left beside it
    }

    @Test
    void refusesPartFilesWithoutTheMarkerOfACompletedOutput() throws IOException {
        // Someone's own directory of Parquet files is not an earlier OptAIC output, whatever the names.
        Path parquet = Files.createDirectory(dir.resolve("mine.parquet"));
        Files.write(parquet.resolve("part-00000.parquet"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> OutputDirectory.create(parquet, false))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining(OutputDirectory.SUCCESS_MARKER);
        assertThat(entries(parquet)).containsExactly("part-00000.parquet");
    }

    @Test
    void refusesAnEarlierOutputThatGainedAForeignEntry() throws IOException {
        Path output = Files.createDirectory(dir.resolve("factors"));
        Files.write(output.resolve("part-00000.parquet"), new byte[] {1});
        Files.createFile(output.resolve(OutputDirectory.SUCCESS_MARKER));
        Files.createFile(output.resolve(".notes"));
        assertThatThrownBy(() -> OutputDirectory.create(output, false))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("'.notes'");
        assertThat(entries(output)).containsExactly(".notes", OutputDirectory.SUCCESS_MARKER, "part-00000.parquet");
    }

    @Test
    void aForeignEntryAddedWhileTasksRunIsNotDeletedByTheCommit() throws IOException {
        Path output = Files.createDirectory(dir.resolve("factors"));
        OutputDirectory staged = OutputDirectory.create(output, false);
        Files.write(staged.staging().resolve("part-00000.parquet"), new byte[] {7});
        Files.writeString(output.resolve("late.txt"), "written meanwhile", StandardCharsets.UTF_8);

        assertThatThrownBy(staged::commit).isInstanceOf(OptaicException.class).hasMessageContaining("'late.txt'");
        assertThat(output.resolve("late.txt")).hasContent("written meanwhile");
        assertThat(entries(dir)).containsExactly("factors");
    }

    @Test
    void replacesAnEarlierOutputAndAnEmptyDirectory() throws IOException {
        Path output = dir.resolve("factors");
        OutputDirectory first = OutputDirectory.create(output, false);
        Files.write(first.staging().resolve("part-00000.parquet"), new byte[] {1});
        Files.write(first.staging().resolve("part-00001.parquet"), new byte[] {2});
        first.commit();
        assertThat(entries(output))
                .containsExactly(OutputDirectory.SUCCESS_MARKER, "part-00000.parquet", "part-00001.parquet");

        OutputDirectory second = OutputDirectory.create(output, false);
        Files.write(second.staging().resolve("part-00000.parquet"), new byte[] {3});
        second.commit();
        assertThat(entries(output)).containsExactly(OutputDirectory.SUCCESS_MARKER, "part-00000.parquet");
        assertThat(output.resolve("part-00000.parquet")).hasBinaryContent(new byte[] {3});

        Path empty = Files.createDirectory(dir.resolve("empty"));
        OutputDirectory third = OutputDirectory.create(empty, false);
        Files.write(third.staging().resolve("part-00000.parquet"), new byte[] {4});
        third.commit();
        assertThat(entries(empty)).containsExactly(OutputDirectory.SUCCESS_MARKER, "part-00000.parquet");
        assertThat(entries(dir)).containsExactly("empty", "factors");
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
