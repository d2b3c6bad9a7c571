package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.ManifestJson;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.io.PanelReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a block task reads its dates from, in a form that travels to executors: the files of a long Parquet
 * panel, or a dataset version (its storage root and manifest). Both read through {@code engine.io}'s Parquet
 * reader, which decodes only the row groups and pages holding the dates asked for.
 */
sealed interface BlockInput extends Serializable {
    /** Reads the rows dated in [fromDay, toDay] (epoch days) of the named fields. */
    PanelReader.RangeRead read(int fromDay, int toDay, Set<String> fields);

    /** Names the input in messages. */
    String describe();

    /** A long Parquet panel's files; {@code groupFields} are numeric columns read as labels. */
    record ParquetFiles(List<String> files, Set<String> groupFields, String source) implements BlockInput {
        private static final long serialVersionUID = 1L;

        public ParquetFiles {
            files = List.copyOf(files);
            groupFields = Set.copyOf(groupFields);
            requireNonNull(source, "source is null");
        }

        static ParquetFiles of(Path path, Set<String> groupFields) {
            return new ParquetFiles(
                    PanelReader.parquetFiles(path).stream().map(Path::toString).toList(), groupFields, path.toString());
        }

        List<Path> paths() {
            return files.stream().map(Path::of).toList();
        }

        @Override
        public PanelReader.RangeRead read(int fromDay, int toDay, Set<String> fields) {
            return new PanelReader(groupFields)
                    .readRange(
                            paths(), LocalDate.ofEpochDay(fromDay), LocalDate.ofEpochDay(toDay), Optional.of(fields));
        }

        @Override
        public String describe() {
            return "'" + source + "'";
        }
    }

    /** A committed dataset version under a storage root; the manifest travels as its JSON. */
    record DatasetVersion(String root, String manifestJson) implements BlockInput {
        private static final long serialVersionUID = 1L;

        public DatasetVersion {
            requireNonNull(root, "root is null");
            requireNonNull(manifestJson, "manifestJson is null");
        }

        static DatasetVersion of(StorageLocation root, VersionManifest manifest) {
            return new DatasetVersion(
                    root.toString(), new String(ManifestJson.write(manifest), StandardCharsets.UTF_8));
        }

        VersionManifest manifest() {
            try {
                return ManifestJson.read(manifestJson.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new OptaicException(
                        EngineErrorCode.MANIFEST_CORRUPT,
                        "Cannot read the manifest a Spark task was" + " given: " + e.getMessage(),
                        e);
            }
        }

        @Override
        public PanelReader.RangeRead read(int fromDay, int toDay, Set<String> fields) {
            StorageLocation storage = StorageLocation.of(root);
            Panel panel = DatasetReader.ofResolvedVersions(storage)
                    .read(
                            manifest(),
                            DatasetQuery.all()
                                    .between(LocalDate.ofEpochDay(fromDay), LocalDate.ofEpochDay(toDay))
                                    .fields(fields))
                    .panel();
            return new PanelReader.RangeRead(panel, panel.presentCount());
        }

        @Override
        public String describe() {
            VersionManifest manifest = manifest();
            return "dataset '" + manifest.dataset() + "' version " + manifest.version();
        }
    }
}
