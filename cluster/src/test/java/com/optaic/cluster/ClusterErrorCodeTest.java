package com.optaic.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.common.ErrorCodeCatalog;
import com.optaic.engine.EngineErrorCode;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.operators.OperatorsErrorCode;
import org.junit.jupiter.api.Test;

class ClusterErrorCodeTest {
    @Test
    void clusterCodesClashWithNoOtherModulesCodes() {
        ErrorCodeCatalog all = ErrorCodeCatalog.of(MetadataErrorCode.class, OperatorsErrorCode.class,
                EngineErrorCode.class, JobsErrorCode.class, ClusterErrorCode.class);
        assertThat(all.codes()).contains(ClusterErrorCode.values());
    }
}
