package com.optaic.engine.backtest;

/**
 * Sorts asset indices by a key, descending, stable: equal keys keep their input order (ascending asset index
 * when the input is), which is the tie rule of the portfolio rules. A merge sort over caller-owned arrays, so
 * ranking a cross-section allocates nothing.
 */
final class IndexSort {
    private IndexSort() {}

    /** Sorts {@code index[0..length)} by {@code keys[offset + index[i]]}, largest first; scratch holds length ints. */
    static void descending(int[] index, int length, double[] keys, int offset, int[] scratch) {
        if (length < 2) {
            return;
        }
        for (int width = 1; width < length; width *= 2) {
            for (int lo = 0; lo < length - width; lo += 2 * width) {
                merge(index, lo, lo + width, Math.min(lo + 2 * width, length), keys, offset, scratch);
            }
        }
    }

    private static void merge(int[] index, int lo, int mid, int hi, double[] keys, int offset, int[] scratch) {
        if (keys[offset + index[mid - 1]] >= keys[offset + index[mid]]) {
            return; // already in order
        }
        System.arraycopy(index, lo, scratch, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || keys[offset + scratch[i]] >= keys[offset + scratch[j]])) {
                index[k] = scratch[i++];
            } else {
                index[k] = scratch[j++];
            }
        }
    }
}
