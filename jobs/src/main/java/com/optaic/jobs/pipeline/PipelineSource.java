package com.optaic.jobs.pipeline;

import com.optaic.engine.data.Panel;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where a PipelineRun gets its panel: built from a PipelineDef's code_ref and the instance's {@code pipeline}
 * config. It returns every row it has up to the as-of date; the run keeps only the dates its dataset lacks.
 */
public interface PipelineSource {
    /**
     * @param asOf the run's nominal date, if it has one: no row after it. Without one, the source's own extent.
     */
    Panel read(Optional<LocalDate> asOf);
}
