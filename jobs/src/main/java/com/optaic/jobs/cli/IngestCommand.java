package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.ingest.DatasetIngestion;
import com.optaic.engine.ingest.IngestEngine;
import com.optaic.engine.ingest.IngestSource;
import com.optaic.engine.ingest.IngestSources;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.JobsErrorCode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Ingests files or a synthetic market into a dataset under a storage root whose versions are files
 * ({@link FileVersionCatalog}), the datasets {@code optaic eval --dataset} reads: the same ingestion a PipelineRun
 * performs, without the metadata store. Appends the dates after the dataset's last date unless {@code --rebuild}.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Ingest CSV or Parquet files, or a synthetic market, into the next version of a dataset under"
                    + " a storage root (the datasets 'optaic eval --dataset' reads).",
            "Only dates after the dataset's last date are appended, unless --rebuild.",
            "--engine spark runs one Spark task per input file (per asset range for --synthetic) and per data"
                    + " file; both engines write the same bytes.",
            "Example: optaic ingest --dataset prices --csv 'daily/*.csv' --root /data/optaic",
            "         optaic ingest --dataset market --synthetic 2000x2520:7 --engine spark"
        })
final class IngestCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", required = true, description = "The dataset to write.")
    String dataset;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Source (exactly one):%n")
    Source source;

    static final class Source extends PanelSources {
        @Option(
                names = "--csv",
                paramLabel = "PATH",
                description = "Long CSV (date,asset,<fields>): a file, a directory of .csv files or a glob.")
        String csv;

        @Option(
                names = "--parquet",
                paramLabel = "PATH",
                description = "Long Parquet: a file, a directory of .parquet files or a glob.")
        String parquet;
    }

    @Option(names = "--ragged", description = "With --synthetic: listings, delistings and missing days.")
    boolean ragged;

    @Mixin
    StorageRootOption root;

    @Option(names = "--rebuild", description = "Write every date as a full version instead of appending.")
    boolean rebuild;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "Leave out rows after this date (yyyy-MM-dd); the version is as of it.")
    String asOf;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--tasks",
            paramLabel = "N",
            description = "With --synthetic: generate in N asset ranges (default: one per core or Spark slot).")
    int tasks;

    @Mixin
    GroupFieldsOption groupFields;

    @Override
    public void run() {
        long t0 = System.nanoTime();
        Operation operation = rebuild ? Operation.REBUILD : Operation.APPEND;
        Optional<LocalDate> asOfDate = Optional.ofNullable(DateArgument.parse("--as-of", asOf));
        IngestSource input = input();
        boolean onSpark = engine.onSpark();
        StorageLocation storage = root.location(spec);
        FileVersionCatalog catalog = new FileVersionCatalog(storage);
        catalog.latest(dataset); // a bad name is a user error before any work
        Function<IngestEngine, DatasetIngestion.Result> ingest = ingestEngine ->
                new DatasetIngestion(storage, catalog, ingestEngine).ingest(dataset, input, operation, asOfDate);
        DatasetIngestion.Result result = onSpark
                ? SparkSessions.withSession(engine.master(), spark -> ingest.apply(IngestEngine.spark(spark)))
                : ingest.apply(IngestEngine.local());
        report(spec.commandLine().getOut(), storage, result, (System.nanoTime() - t0) / 1e9);
    }

    private void report(PrintWriter out, StorageLocation storage, DatasetIngestion.Result result, double seconds) {
        String where = "dataset '" + dataset + "' under " + storage;
        if (result.manifest().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%s: no new rows%s; %d tasks on %s, %.2fs%n",
                    where,
                    result.previous()
                            .map(m -> " after " + m.maxDate() + ", version " + m.version() + " stays latest")
                            .orElse(""),
                    result.tasks(),
                    result.engine(),
                    seconds);
            return;
        }
        VersionManifest manifest = result.manifest().get();
        out.printf(
                Locale.ROOT,
                "%s: version %d (%s%s): rows_added %d over %d dates, %d assets; last_date %s; "
                        + "%d rows in %d files; %d tasks on %s, %.2fs%n",
                where,
                manifest.version(),
                manifest.operation().name().toLowerCase(Locale.ROOT),
                manifest.parent() == VersionManifest.NO_PARENT ? "" : " on " + manifest.parent(),
                result.rowsAdded(),
                result.datesAdded(),
                result.assets(),
                manifest.maxDate(),
                manifest.rows(),
                manifest.files().size(),
                result.tasks(),
                result.engine(),
                seconds);
    }

    private IngestSource input() {
        Set<String> labels = groupFields.labels();
        if (ragged && source.synthetic == null) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--ragged applies to --synthetic only");
        }
        if (tasks != 0 && source.synthetic == null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "--tasks applies to --synthetic only (files are one" + " task each)");
        }
        if (source.csv != null) {
            return IngestSources.files(source.csv, ".csv", labels);
        }
        if (source.parquet != null) {
            return IngestSources.files(source.parquet, ".parquet", labels);
        }
        if (source.wide() != null) {
            return IngestSources.wideCsv(source.wide(), labels);
        }
        if (tasks < 0) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "--tasks " + tasks + " must be positive");
        }
        SyntheticArgument market = SyntheticArgument.parse(source.synthetic);
        return IngestSources.synthetic(market.assets(), market.days(), market.seed(), ragged, tasks);
    }
}
