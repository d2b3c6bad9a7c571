package com.optaic.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.common.ErrorCodeCatalog;
import com.optaic.engine.EngineErrorCode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.operators.OperatorsErrorCode;
import org.junit.jupiter.api.Test;

/** The codes this module reports, its own and those of the modules below it, clash nowhere. */
class ErrorCodesTest {
    @Test
    void noTwoCodesOfTheModulesBelowTheCommandLineShareANumberOrAName() {
        ErrorCodeCatalog catalog = ErrorCodeCatalog.of(
                MetadataErrorCode.class, OperatorsErrorCode.class, EngineErrorCode.class, JobsErrorCode.class);
        assertThat(catalog.codes())
                .contains(MetadataErrorCode.values())
                .contains(OperatorsErrorCode.values())
                .contains(EngineErrorCode.values())
                .contains(JobsErrorCode.values());
    }
}
