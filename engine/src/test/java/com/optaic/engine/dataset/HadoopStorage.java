package com.optaic.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Storage roots given as {@code file://} URIs, so datasets go through Hadoop's checksummed LocalFileSystem. */
final class HadoopStorage {
    private HadoopStorage() {}

    static StorageLocation fileUri(Path directory) {
        String uri = directory.toUri().toString();
        assertThat(uri).startsWith("file:///");
        StorageLocation location = StorageLocation.of(uri);
        assertThat(location).isInstanceOf(HadoopStorageLocation.class);
        return location;
    }
}
