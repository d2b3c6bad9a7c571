package com.optaic.jobs.pipeline;

import com.optaic.engine.ingest.IngestSource;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where a PipelineRun gets its rows: built from a PipelineDef's code_ref and the instance's {@code pipeline}
 * config. The ingestion keeps only the dates its dataset lacks, through the as-of date.
 */
public interface PipelineSource {
    /**
     * @param asOf the run's nominal date, if it has one: no row after it is ingested. Without one, the source's
     *     own extent.
     */
    IngestSource open(Optional<LocalDate> asOf);
}
