package com.optaic.engine.dataset;

import java.nio.file.Path;

/** The SIGKILL test again with a {@code file://} root: the killed writer and the survivor both go through Hadoop. */
class CrashSafetyOnHadoopTest extends CrashSafetyTest {
    @Override
    StorageLocation storage(Path directory) {
        return HadoopStorage.fileUri(directory);
    }
}
