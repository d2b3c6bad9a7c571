package com.optaic.engine.dataset;

import java.nio.file.Path;

/**
 * Every dataset test again, with the root given as a {@code file://} URI: files go through Hadoop's checksummed
 * LocalFileSystem (a {@code .crc} beside each file, verified on read) and commits through the catalog's Hadoop
 * path. A changed byte is then caught by Hadoop's own checksum before the manifest's SHA-256 is compared.
 */
class DatasetVersionsOnHadoopTest extends DatasetVersionsTest {
    @Override
    StorageLocation storage(Path directory) {
        return HadoopStorage.fileUri(directory);
    }

    @Override
    String checksumFailureWords() {
        return "Checksum error";
    }
}
