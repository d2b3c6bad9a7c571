package com.optaic.engine.io;

import com.optaic.engine.data.Panel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.io.api.Binary;

/**
 * The dictionaries shared by all row groups of a Parquet panel file: every asset, every label of each label
 * column, each as a PLAIN dictionary page, with each entry's rank in Parquet's unsigned byte order (for min/max
 * statistics).
 */
final class ParquetDictionaries {
    final Binary[] assets;
    final int[] assetRanks;
    final BytesInput assetPage;
    final Binary[][] labels;
    final int[][] labelRanks;
    final BytesInput[] labelPages;

    ParquetDictionaries(Panel panel, List<OutputColumn> columns) {
        assets = binaries(panel.assets());
        assetRanks = ranks(assets);
        assetPage = plainPage(assets);
        labels = new Binary[columns.size()][];
        labelRanks = new int[columns.size()][];
        labelPages = new BytesInput[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).isLabel()) {
                labels[c] = binaries(columns.get(c).labels());
                labelRanks[c] = ranks(labels[c]);
                labelPages[c] = plainPage(labels[c]);
            }
        }
    }

    private static Binary[] binaries(String[] texts) {
        Binary[] binaries = new Binary[texts.length];
        for (int i = 0; i < texts.length; i++) {
            binaries[i] = Binary.fromString(texts[i]);
        }
        return binaries;
    }

    private static int[] ranks(Binary[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(values[x].getBytesUnsafe(), values[y].getBytesUnsafe()));
        int[] ranks = new int[values.length];
        for (int r = 0; r < order.length; r++) {
            ranks[order[r]] = r;
        }
        return ranks;
    }

    private static BytesInput plainPage(Binary[] values) {
        int size = 0;
        for (Binary value : values) {
            size += 4 + value.length();
        }
        ByteBuffer page = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (Binary value : values) {
            page.putInt(value.length()).put(value.getBytesUnsafe());
        }
        return BytesInput.from(page.array());
    }
}
