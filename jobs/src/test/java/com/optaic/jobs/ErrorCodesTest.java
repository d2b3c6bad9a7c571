package com.optaic.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.EngineErrorCode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.operators.OperatorsErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {
    /** The reference page beside the code; {@code -Doptaic.docs.write=true} rewrites it. */
    private static final Path PAGE = Path.of("..", "docs", "error-codes.md");

    @Test
    void theCatalogHoldsEveryModulesCodes() {
        assertThat(ErrorCodes.ALL.codes()).contains(MetadataErrorCode.values()).contains(OperatorsErrorCode.values())
                .contains(EngineErrorCode.values()).contains(JobsErrorCode.values());
    }

    @Test
    void theReferencePageListsEveryCodeAsTheEnumsDeclareIt() throws IOException {
        String generated = ErrorCodes.ALL.markdown();
        if (Boolean.getBoolean("optaic.docs.write")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/error-codes.md is generated: rerun this test with -Doptaic.docs.write=true")
                .isEqualTo(generated);
    }
}
