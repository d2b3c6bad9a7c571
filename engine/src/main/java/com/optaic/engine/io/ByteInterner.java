package com.optaic.engine.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Dense ids for distinct UTF-8 byte strings (asset ids, labels), looked up straight from a byte range so a
 * repeated value costs a hash probe and no allocation. Ids count from 0 in order of first appearance.
 */
final class ByteInterner {
    private byte[][] keys = new byte[16][];
    private int[] hashes = new int[16];
    private int[] slots = new int[64];
    private int size;

    ByteInterner() {
        Arrays.fill(slots, -1);
    }

    int intern(byte[] bytes, int start, int end) {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        while (true) {
            int id = slots[slot];
            if (id < 0) {
                break;
            }
            if (hashes[id] == hash && Arrays.equals(keys[id], 0, keys[id].length, bytes, start, end)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        int id = size++;
        keys[id] = Arrays.copyOfRange(bytes, start, end);
        hashes[id] = hash;
        slots[slot] = id;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    int intern(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return intern(bytes, 0, bytes.length);
    }

    int size() {
        return size;
    }

    /** The strings by id. */
    String[] strings() {
        String[] strings = new String[size];
        for (int id = 0; id < size; id++) {
            strings[id] = new String(keys[id], StandardCharsets.UTF_8);
        }
        return strings;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = mix(hashes[id]) & mask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id;
        }
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
