package com.optaic.engine.spark;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.io.PanelReader;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.util.Set;

/** What block planning starts from: the compiled program (never empty) and the layout of a version's files. */
final class EvaluationInputs {

    private EvaluationInputs() {}

    static Program compile(ExpressionText text, FieldCatalog catalog) {
        Program program = text.compile(catalog);
        if (program.outputs().isEmpty()) {
            throw new OptaicException(
                    EngineErrorCode.NOTHING_TO_EVALUATE, "Nothing to evaluate: no expressions were given");
        }
        return program;
    }

    static PanelReader.Layout layout(DatasetReader reader, VersionManifest version) {
        return new PanelReader(Set.of())
                .parquetLayout(reader.locations(version).stream()
                        .map(StorageLocation::inputFile)
                        .toList());
    }
}
