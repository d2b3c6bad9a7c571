package com.optaic.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.jobs.cli.TestingCli;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTAIC_STORAGE as a plain path or a Hadoop URI, and the roots it refuses before anything runs. */
class StorageTest {
    @TempDir
    Path directory;

    @Test
    void aPlainPathIsALocalRootAndAUriAHadoopOne() {
        Storage plain = Storage.fromEnvironment(
                Map.of("OPTAIC_STORAGE", directory.resolve("a/../runs").toString()));
        assertThat(plain.datasets().localPath())
                .contains(directory.resolve("runs").resolve("datasets"));

        Storage uri = Storage.fromEnvironment(
                Map.of("OPTAIC_STORAGE", directory.toUri().toString()));
        assertThat(uri.root().localPath())
                .as("through Hadoop's LocalFileSystem, not java.nio")
                .isEmpty();
        assertThat(uri.root().scheme()).isEqualTo("file");
        assertThat(uri.datasets().toString()).isEqualTo("file:" + directory.resolve("datasets"));
    }

    @Test
    void withoutOptaicStorageTheRootIsUnderOptaicHome() {
        Storage storage = Storage.fromEnvironment(Map.of("OPTAIC_HOME", directory.toString(), "OPTAIC_STORAGE", " "));
        assertThat(storage.root().localPath()).contains(directory.resolve("data"));
    }

    @Test
    void anUnknownSchemeOrAnObjectStoreIsAUserErrorNamingOptaicStorage() {
        assertThatThrownBy(() -> Storage.of("nosuchfs://host/optaic"))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.UNSUPPORTED_STORAGE))
                .hasMessage("Cannot use OPTAIC_STORAGE 'nosuchfs://host/optaic' as run storage: no Hadoop FileSystem"
                        + " for scheme 'nosuchfs' on the class path");
        assertThatThrownBy(() -> Storage.of("s3a://bucket/optaic"))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.UNSUPPORTED_STORAGE))
                .hasMessageStartingWith("Cannot use OPTAIC_STORAGE 's3a://bucket/optaic' as run storage: s3a:// is an"
                        + " object store");
    }

    @Test
    void theCommandLineRefusesSuchARootAtStartWithExitCode2() {
        TestingCli.Result result = TestingCli.optaic(
                Map.of("OPTAIC_STORAGE", "s3a://bucket/optaic", "OPTAIC_HOME", directory.toString()),
                "run",
                "list",
                UUID.randomUUID().toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("Cannot use OPTAIC_STORAGE 's3a://bucket/optaic' as run storage");
    }
}
