package com.optaic.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.common.ErrorCodeCatalog;
import com.optaic.engine.EngineErrorCode;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.operators.OperatorsErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every module's codes (this is the top module: it sees them all) and the reference page generated from them. */
class ErrorCodeReferenceTest {
    /** The reference page; {@code -Doptaic.docs.write=true} rewrites it. */
    private static final Path PAGE = Path.of("..", "docs", "error-codes.md");

    private static final ErrorCodeCatalog ALL = ErrorCodeCatalog.of(
            MetadataErrorCode.class,
            OperatorsErrorCode.class,
            EngineErrorCode.class,
            JobsErrorCode.class,
            ClusterErrorCode.class);

    @Test
    void clusterCodesClashWithNoOtherModulesCodes() {
        assertThat(ALL.codes()).contains(ClusterErrorCode.values());
    }

    @Test
    void theReferencePageListsEveryCodeAsTheEnumsDeclareIt() throws IOException {
        String generated = ALL.markdown();
        if (Boolean.getBoolean("optaic.docs.write")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/error-codes.md is generated: rerun this test with -Doptaic.docs.write=true")
                .isEqualTo(generated);
    }
}
