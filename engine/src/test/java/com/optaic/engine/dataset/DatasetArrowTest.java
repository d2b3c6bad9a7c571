package com.optaic.engine.dataset;

import static com.optaic.engine.dataset.TestingDatasets.label;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.ArrowBatches;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset reads served as Arrow vectors: every present cell once, NaN and missing labels as nulls. */
class DatasetArrowTest {
    @TempDir
    Path root;

    @Test
    void aDatasetSliceFillsArrowVectorsWithItsPresentCells() {
        Panel ragged = TestingDatasets.ragged();
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        new DatasetWriter(root, catalog).rebuild("ragged", ragged, LocalDate.of(2030, 1, 1));
        DatasetSlice slice = new DatasetReader(root, catalog).read("ragged", DatasetQuery.all());

        try (BufferAllocator allocator = new RootAllocator();
                ArrowBatches batches = slice.arrow(allocator)) {
            int rows = 0;
            while (batches.next()) {
                rows += assertBatchMatches(batches.root(), slice.panel());
            }
            assertThat(rows).isEqualTo(ragged.presentCount());
            assertThat(batches.root().getRowCount())
                    .as("an exhausted reader serves an empty root")
                    .isZero();
        }
    }

    @Test
    void largePanelsComeInBatchesInDateThenAssetOrder() {
        Panel market = SyntheticMarket.generate(100, 700, 3); // 70,000 cells: two batches
        try (BufferAllocator allocator = new RootAllocator();
                ArrowBatches batches = ArrowBatches.of(market, allocator)) {
            int rows = 0;
            int batchCount = 0;
            long previous = Long.MIN_VALUE;
            List<String> assets = Arrays.asList(market.assets());
            while (batches.next()) {
                VectorSchemaRoot batch = batches.root();
                assertThat(batch.getRowCount()).isLessThanOrEqualTo(ArrowBatches.BATCH_ROWS);
                DateDayVector dates = (DateDayVector) batch.getVector("date");
                VarCharVector names = (VarCharVector) batch.getVector("asset");
                for (int r = 0; r < batch.getRowCount(); r++) {
                    long key = (long) dates.get(r) * 1_000 + assets.indexOf(new String(names.get(r)));
                    assertThat(key).isGreaterThan(previous);
                    previous = key;
                }
                rows += assertBatchMatches(batch, market);
                batchCount++;
            }
            assertThat(batchCount)
                    .isEqualTo((market.presentCount() + ArrowBatches.BATCH_ROWS - 1) / ArrowBatches.BATCH_ROWS);
            assertThat(rows).isEqualTo(market.presentCount());
        }
    }

    /** Checks each row of a batch against the panel's cell; returns the row count. */
    private static int assertBatchMatches(VectorSchemaRoot batch, Panel panel) {
        DateDayVector dates = (DateDayVector) batch.getVector("date");
        VarCharVector assets = (VarCharVector) batch.getVector("asset");
        List<String> assetNames = Arrays.asList(panel.assets());
        int[] epochDays = panel.epochDays();
        for (int r = 0; r < batch.getRowCount(); r++) {
            int t = Arrays.binarySearch(epochDays, dates.get(r));
            int a = assetNames.indexOf(new String(assets.get(r)));
            assertThat(t).isNotNegative();
            assertThat(a).isNotNegative();
            int cell = a * panel.dateCount() + t;
            assertThat(panel.presence()[cell]).isTrue();
            for (var field : panel.numericFields().entrySet()) {
                Float8Vector vector = (Float8Vector) batch.getVector(field.getKey());
                double expected = field.getValue()[cell];
                if (Double.isNaN(expected)) {
                    assertThat(vector.isNull(r)).as(field.getKey()).isTrue();
                } else {
                    assertThat(vector.get(r)).as(field.getKey()).isEqualTo(expected);
                }
            }
            for (var field : panel.groupFields().entrySet()) {
                FieldVector vector = batch.getVector(field.getKey());
                String expected = label(field.getValue(), cell);
                assertThat(vector.isNull(r) ? null : new String(((VarCharVector) vector).get(r)))
                        .as(field.getKey())
                        .isEqualTo(expected);
            }
        }
        return batch.getRowCount();
    }
}
