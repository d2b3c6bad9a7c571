package com.optaic.engine.io;

import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/** Writes the long layout as an Arrow IPC file, one record batch per {@link ArrowBatches} batch. */
final class ArrowPanelWriter {
    private ArrowPanelWriter() {}

    static void write(Panel panel, int rowFrom, int rowTo, List<OutputColumn> columns, Path file) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowBatches batches = new ArrowBatches(panel, rowFrom, rowTo, columns, allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(batches.root(), null, channel)) {
            writer.start();
            while (batches.next()) {
                writer.writeBatch();
            }
            writer.end();
        }
    }
}
