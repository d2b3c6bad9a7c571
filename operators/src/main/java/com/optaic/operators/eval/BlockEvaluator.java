package com.optaic.operators.eval;

import com.optaic.operators.kernels.CrossSectionKernel;
import com.optaic.operators.kernels.ElementwiseKernel;
import com.optaic.operators.kernels.GroupKernel;
import com.optaic.operators.kernels.TimeSeriesKernel;
import com.optaic.operators.plan.PlanNode;
import com.optaic.operators.plan.Program;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a {@link Program} over a {@link Block} in process, using every core: time-series kernels in
 * parallel over assets, cross-sectional and group kernels over dates, element-wise ones over cells.
 * Intermediate arrays are recycled as soon as their last consumer has run, so memory stays near
 * (outputs + the widest level of the expression DAG) arrays.
 */
public final class BlockEvaluator {
    private static final int CELL_CHUNK = 1 << 15;
    private static final int TILE = 16;
    /** -Doptaic.profile=true prints each computation's wall time to stderr. */
    private static final boolean PROFILE = Boolean.getBoolean("optaic.profile");

    private BlockEvaluator() {}

    /** Evaluates every output; the result arrays are the block's shape and owned by the caller. */
    public static Map<String, double[]> evaluate(Program program, Block block) {
        return evaluate(program, block, () -> {});
    }

    /**
     * As {@link #evaluate(Program, Block)}, running {@code checkpoint} before each computation: a checkpoint that
     * throws abandons the evaluation with its exception (how a cancelled run stops a long evaluation within one
     * computation's time).
     */
    public static Map<String, double[]> evaluate(Program program, Block block, Runnable checkpoint) {
        return new Run(program, block, checkpoint).execute();
    }

    private static final class Run {
        private final Program program;
        private final Block block;
        private final int cells;
        private final double[][] values;
        private final int[] pendingUses;
        private final boolean[] owned;
        private final Deque<double[]> spare = new ArrayDeque<>();
        private final Runnable checkpoint;

        Run(Program program, Block block, Runnable checkpoint) {
            this.program = program;
            this.block = block;
            this.checkpoint = checkpoint;
            this.cells = block.cells();
            int n = program.nodes().size();
            this.values = new double[n][];
            this.pendingUses = new int[n];
            this.owned = new boolean[n];
            for (PlanNode node : program.nodes()) {
                for (PlanNode input : node.inputs()) {
                    pendingUses[input.id()]++;
                }
            }
            for (PlanNode output : program.outputs().values()) {
                pendingUses[output.id()]++;
            }
            this.arrayNeeded = new boolean[n];
            for (PlanNode node : program.nodes()) {
                boolean scalarOperands = node.type() == PlanNode.Type.OPERATOR
                        && node.operator().kernel() instanceof ElementwiseKernel k
                        && k.arity() == 2;
                for (PlanNode input : node.inputs()) {
                    arrayNeeded[input.id()] |= !scalarOperands;
                }
            }
            for (PlanNode output : program.outputs().values()) {
                arrayNeeded[output.id()] = true;
            }
        }

        /** Constants feed binary element-wise kernels as scalars; only other consumers need them filled. */
        private final boolean[] arrayNeeded;

        Map<String, double[]> execute() {
            for (PlanNode node : program.nodes()) {
                if (pendingUses[node.id()] == 0 && node.type() != PlanNode.Type.OPERATOR) {
                    continue; // folded constants and unused leaves
                }
                checkpoint.run();
                long started = PROFILE ? System.nanoTime() : 0;
                values[node.id()] = compute(node);
                if (PROFILE) {
                    System.err.printf(
                            "optaic.profile %8.1f ms  %s%n", (System.nanoTime() - started) / 1e6, node.text());
                }
                for (PlanNode input : node.inputs()) {
                    release(input);
                }
            }
            Map<String, double[]> results = new LinkedHashMap<>();
            for (Map.Entry<String, PlanNode> output : program.outputs().entrySet()) {
                PlanNode node = output.getValue();
                double[] array = values[node.id()];
                boolean shared = !owned[node.id()] || results.containsValue(array);
                results.put(output.getKey(), shared ? array.clone() : array);
            }
            return results;
        }

        private void release(PlanNode node) {
            if (--pendingUses[node.id()] == 0 && owned[node.id()]) {
                spare.push(values[node.id()]);
                values[node.id()] = null;
            }
        }

        private double[] allocate(PlanNode node) {
            owned[node.id()] = true;
            double[] recycled = spare.poll();
            return recycled != null ? recycled : new double[cells];
        }

        private double[] compute(PlanNode node) {
            switch (node.type()) {
                case INPUT -> {
                    return block.numeric(node.field());
                }
                case GROUP_INPUT -> {
                    return block.groupCodes(node.field());
                }
                case CONSTANT -> {
                    if (!arrayNeeded[node.id()]) {
                        return null;
                    }
                    double[] out = allocate(node);
                    Arrays.fill(out, node.constant());
                    return out;
                }
                default -> {
                    double[] out = allocate(node);
                    var kernel = node.operator().kernel();
                    if (kernel instanceof ElementwiseKernel k) {
                        elementwise(k, node, out);
                    } else if (kernel instanceof TimeSeriesKernel k) {
                        timeSeries(k, node, out);
                    } else if (kernel instanceof CrossSectionKernel k) {
                        crossSection(k, node, out);
                    } else {
                        group((GroupKernel) kernel, node, out);
                    }
                    return out;
                }
            }
        }

        private double[] input(PlanNode node, int index) {
            return values[node.inputs().get(index).id()];
        }

        private void elementwise(ElementwiseKernel kernel, PlanNode node, double[] out) {
            List<PlanNode> inputs = node.inputs();
            switch (kernel.arity()) {
                case 1 -> {
                    double[] a = input(node, 0);
                    var f = kernel.unary();
                    chunks(cells, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            out[i] = f.applyAsDouble(a[i]);
                        }
                    });
                }
                case 2 -> {
                    var f = kernel.binary();
                    PlanNode left = inputs.get(0);
                    PlanNode right = inputs.get(1);
                    double[] a = input(node, 0);
                    double[] b = input(node, 1);
                    if (right.type() == PlanNode.Type.CONSTANT) {
                        double c = right.constant();
                        chunks(cells, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                out[i] = f.applyAsDouble(a[i], c);
                            }
                        });
                    } else if (left.type() == PlanNode.Type.CONSTANT) {
                        double c = left.constant();
                        chunks(cells, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                out[i] = f.applyAsDouble(c, b[i]);
                            }
                        });
                    } else {
                        chunks(cells, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                out[i] = f.applyAsDouble(a[i], b[i]);
                            }
                        });
                    }
                }
                default -> {
                    double[] a = input(node, 0);
                    double[] b = input(node, 1);
                    double[] c = input(node, 2);
                    var f = kernel.ternary();
                    chunks(cells, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            out[i] = f.apply(a[i], b[i], c[i]);
                        }
                    });
                }
            }
        }

        private void timeSeries(TimeSeriesKernel kernel, PlanNode node, double[] out) {
            double[] x = input(node, 0);
            double[] y = node.inputs().size() > 1 ? input(node, 1) : null;
            int dates = block.dates();
            int window = clampWindow(node.window(), dates);
            double[] params = node.paramsView();
            int firstRow = block.firstRow();
            parallel(block.assets(), asset -> kernel.apply(x, y, asset * dates, dates, firstRow, window, params, out));
        }

        /**
         * A window of more than {@code dates + 1} rows, either way, as one of exactly that many: kernels size their
         * scratch by the window, and every time-series operator (pandas' {@code min_periods = d}) has no value
         * anywhere when the window exceeds the series, for the one as for the other.
         */
        static int clampWindow(int window, int dates) {
            int limit = dates + 1;
            return window > limit ? limit : Math.max(window, -limit);
        }

        private void crossSection(CrossSectionKernel kernel, PlanNode node, double[] out) {
            double[] x = input(node, 0);
            double[] params = node.paramsView();
            perDate(x, null, out, (values, groups, results) -> kernel.apply(values, block.assets(), params, results));
        }

        private void group(GroupKernel kernel, PlanNode node, double[] out) {
            double[] x = input(node, 0);
            double[] g = input(node, 1);
            double[] params = node.paramsView();
            perDate(
                    x,
                    g,
                    out,
                    (values, groups, results) -> kernel.apply(values, groups, block.assets(), params, results));
        }

        private interface DateTask {
            void run(double[] values, double[] groups, double[] results);
        }

        /**
         * Runs a per-date task over every date, in parallel over runs of dates. Arrays are asset-major, so
         * one date's cross-section is strided; dates are therefore gathered TILE at a time, reading each
         * asset's TILE consecutive rows together (whole cache lines) instead of one value per cache miss.
         * Absent cells read as NaN so they take no part.
         */
        private void perDate(double[] x, double[] g, double[] out, DateTask task) {
            int dates = block.dates();
            int assets = block.assets();
            boolean[] present = block.present();
            int tiles = (dates + TILE - 1) / TILE;
            int workers = Math.max(1, Math.min(tiles, Runtime.getRuntime().availableProcessors() * 4));
            IntStream.range(0, workers).parallel().forEach(w -> {
                double[][] values = new double[TILE][assets];
                double[][] groups = g == null ? null : new double[TILE][assets];
                double[][] results = new double[TILE][assets];
                int firstTile = (int) ((long) tiles * w / workers);
                int lastTile = (int) ((long) tiles * (w + 1) / workers);
                for (int tile = firstTile; tile < lastTile; tile++) {
                    int t0 = tile * TILE;
                    int width = Math.min(TILE, dates - t0);
                    for (int a = 0; a < assets; a++) {
                        int base = a * dates + t0;
                        for (int k = 0; k < width; k++) {
                            boolean here = present == null || present[base + k];
                            values[k][a] = here ? x[base + k] : Double.NaN;
                            if (groups != null) {
                                groups[k][a] = here ? g[base + k] : Double.NaN;
                            }
                        }
                    }
                    for (int k = 0; k < width; k++) {
                        task.run(values[k], groups == null ? null : groups[k], results[k]);
                    }
                    for (int a = 0; a < assets; a++) {
                        int base = a * dates + t0;
                        for (int k = 0; k < width; k++) {
                            out[base + k] = results[k][a];
                        }
                    }
                }
            });
        }

        private interface Range {
            void run(int from, int to);
        }

        private static void chunks(int n, Range range) {
            int count = (n + CELL_CHUNK - 1) / CELL_CHUNK;
            IntStream.range(0, count)
                    .parallel()
                    .forEach(c -> range.run(c * CELL_CHUNK, Math.min(n, (c + 1) * CELL_CHUNK)));
        }

        private static void parallel(int n, IntConsumer task) {
            IntStream.range(0, n).parallel().forEach(task);
        }
    }
}
