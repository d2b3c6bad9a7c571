package com.optaic.operators.kernels;

/**
 * Per-thread scratch arrays, so that kernels run per asset or per date do not allocate on every call.
 * A kernel owns the slots it asks for until it returns; kernels never call each other.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private final double[][] doubles = new double[32][];
    private final int[][] ints = new int[8][];
    private final long[][] longs = new long[2][];

    static Workspace get() {
        return LOCAL.get();
    }

    double[] doubles(int slot, int n) {
        double[] a = doubles[slot];
        if (a == null || a.length < n) {
            a = new double[Math.max(n, 16)];
            doubles[slot] = a;
        }
        return a;
    }

    long[] longs(int slot, int n) {
        long[] a = longs[slot];
        if (a == null || a.length < n) {
            a = new long[Math.max(n, 16)];
            longs[slot] = a;
        }
        return a;
    }

    int[] ints(int slot, int n) {
        int[] a = ints[slot];
        if (a == null || a.length < n) {
            a = new int[Math.max(n, 16)];
            ints[slot] = a;
        }
        return a;
    }
}
