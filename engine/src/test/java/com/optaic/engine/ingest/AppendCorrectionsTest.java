package com.optaic.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append whose source holds rows dated on or before the dataset's last date (issue 14, item 9): rows equal to
 * the published ones are not corrections (a source that re-delivers its history appends only the new dates); a
 * changed or new earlier row fails the append under {@code reject}, naming it, and is skipped and counted under
 * {@code ignore}. Before, every such row vanished silently.
 */
class AppendCorrectionsTest {
    private static final String HISTORY = "date,asset,close,sector\n"
            + "2024-01-02,A,10.5,tech\n2024-01-02,B,20,energy\n"
            + "2024-01-03,A,11,tech\n2024-01-03,B,21,energy\n"
            + "2024-01-04,A,12,tech\n2024-01-04,B,22,energy\n";

    @TempDir
    Path dir;

    private Path root;
    private FileVersionCatalog catalog;
    private DatasetIngestion ingestion;

    @BeforeEach
    void publishHistory() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        catalog = new FileVersionCatalog(root);
        ingestion = new DatasetIngestion(root, catalog, IngestEngine.local());
        ingestion.ingest("prices", csv("history.csv", HISTORY), Operation.REBUILD, Optional.empty());
    }

    @Test
    void theWholeHistoryAgainAppendsOnlyTheNewDateUnderReject() throws IOException {
        DatasetIngestion.Result result = ingestion.ingest(
                "prices",
                csv("again.csv", HISTORY + "2024-01-05,A,13,tech\n2024-01-05,B,23,energy\n"),
                Operation.APPEND,
                Optional.empty(),
                CorrectionPolicy.REJECT);
        assertThat(result.rowsAdded()).isEqualTo(2);
        assertThat(result.rowsIgnored()).isEqualTo(6);
        assertThat(result.manifest().orElseThrow().maxDate()).isEqualTo(LocalDate.of(2024, 1, 5));
    }

    @Test
    void aChangedEarlierValueFailsTheAppendNamingTheRowUnderReject() throws IOException {
        String corrected = HISTORY.replace("2024-01-03,B,21,", "2024-01-03,B,21.5,")
                + "2024-01-05,A,13,tech\n2024-01-05,B,23,energy\n";
        assertCorrection(csv("corrected.csv", corrected), "(2024-01-03, B) in field 'close'", "corrected.csv");
        String relabelled = HISTORY.replace("2024-01-04,A,12,tech", "2024-01-04,A,12,energy");
        assertCorrection(csv("relabelled.csv", relabelled), "(2024-01-04, A) in field 'sector'", "relabelled.csv");
        String newRow = "date,asset,close,sector\n2024-01-03,C,5,tech\n2024-01-05,A,13,tech\n";
        assertCorrection(csv("late.csv", newRow), "(2024-01-03, C) is not in it", "late.csv");
        assertThat(catalog.list("prices")).extracting(VersionManifest::version).containsExactly(1L);
    }

    @Test
    void ignoreAppendsTheLaterDatesAndCountsTheRest() throws IOException {
        String corrected = HISTORY.replace("2024-01-03,B,21,", "2024-01-03,B,21.5,") + "2024-01-05,A,13,tech\n";
        DatasetIngestion.Result result = ingestion.ingest(
                "prices", csv("corrected.csv", corrected), Operation.APPEND, Optional.empty(), CorrectionPolicy.IGNORE);
        assertThat(result.rowsAdded()).isEqualTo(1);
        assertThat(result.rowsIgnored()).isEqualTo(6);
        Panel panel = new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all());
        int b = 1;
        assertThat(panel.requireNumeric("close")[b * panel.dateCount() + 1]).isEqualTo(21.0); // published, kept
    }

    @Test
    void restatePublishesANewFullVersionWithTheCorrectedRowsAndKeepsTheOldOne() throws IOException {
        String corrected = HISTORY.replace("2024-01-03,B,21,", "2024-01-03,B,21.5,")
                + "2024-01-05,A,13,tech\n2024-01-05,B,23,energy\n";
        Panel before = new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all());
        DatasetIngestion.Result result = ingestion.ingest(
                "prices",
                csv("corrected.csv", corrected),
                Operation.APPEND,
                Optional.empty(),
                CorrectionPolicy.RESTATE);
        assertThat(result.rowsCorrected()).isEqualTo(1);
        VersionManifest restated = result.manifest().orElseThrow();
        assertThat(restated.version()).isEqualTo(2);
        assertThat(restated.operation()).isEqualTo(Operation.REBUILD);
        assertThat(restated.rows()).isEqualTo(8);
        // The witness: the same rows written from scratch into another dataset.
        ingestion.ingest("expected", csv("expected.csv", corrected), Operation.REBUILD, Optional.empty());
        assertSameCells(
                new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all()),
                new DatasetReader(root, catalog).readPanel("expected", DatasetQuery.all()));
        // Version 1 is unchanged.
        assertSameCells(
                new DatasetReader(root, catalog)
                        .readPanel("prices", DatasetQuery.all().atVersion(1)),
                before);

        // Without a correction, restate is a plain append.
        DatasetIngestion.Result plain = ingestion.ingest(
                "prices",
                csv("later.csv", corrected + "2024-01-08,A,14,tech\n"),
                Operation.APPEND,
                Optional.empty(),
                CorrectionPolicy.RESTATE);
        assertThat(plain.rowsCorrected()).isZero();
        assertThat(plain.rowsIgnored()).isEqualTo(8);
        assertThat(plain.manifest().orElseThrow().operation()).isEqualTo(Operation.APPEND);
    }

    private static void assertSameCells(Panel actual, Panel expected) {
        assertThat(actual.epochDays()).isEqualTo(expected.epochDays());
        assertThat(actual.assets()).isEqualTo(expected.assets());
        assertThat(actual.presence()).isEqualTo(expected.presence());
        assertThat(actual.requireNumeric("close")).isEqualTo(expected.requireNumeric("close"));
        Panel.GroupColumn a = actual.groupFields().get("sector");
        Panel.GroupColumn e = expected.groupFields().get("sector");
        for (int cell = 0; cell < actual.cellCount(); cell++) {
            assertThat(Double.isNaN(a.codes()[cell]) ? null : a.labels()[(int) a.codes()[cell]])
                    .isEqualTo(Double.isNaN(e.codes()[cell]) ? null : e.labels()[(int) e.codes()[cell]]);
        }
    }

    private void assertCorrection(IngestSource source, String row, String file) {
        assertThatThrownBy(() ->
                        ingestion.ingest("prices", source, Operation.APPEND, Optional.empty(), CorrectionPolicy.REJECT))
                .isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(EngineErrorCode.SOURCE_CORRECTION))
                .hasMessageContaining("Cannot append to dataset 'prices': ")
                .hasMessageContaining("set the pipeline's \"corrections\" to \"restate\"")
                .hasMessageContaining(file)
                .hasMessageContaining(
                        "dated on or before its last date 2024-01-04 differ from version 1, the first " + row);
    }

    private IngestSource csv(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        return IngestSources.files(file.toString(), ".csv", Set.of("sector"));
    }
}
