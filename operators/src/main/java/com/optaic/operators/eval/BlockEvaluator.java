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

    private BlockEvaluator() {}

    /** Evaluates every output; the result arrays are the block's shape and owned by the caller. */
    public static Map<String, double[]> evaluate(Program program, Block block) {
        return new Run(program, block).execute();
    }

    private static final class Run {
        private final Program program;
        private final Block block;
        private final int cells;
        private final double[][] values;
        private final int[] pendingUses;
        private final boolean[] owned;
        private final Deque<double[]> spare = new ArrayDeque<>();

        Run(Program program, Block block) {
            this.program = program;
            this.block = block;
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
        }

        Map<String, double[]> execute() {
            for (PlanNode node : program.nodes()) {
                if (pendingUses[node.id()] == 0 && node.type() != PlanNode.Type.OPERATOR) {
                    continue; // folded constants and unused leaves
                }
                values[node.id()] = compute(node);
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
            int window = node.window();
            double[] params = node.paramsView();
            parallel(block.assets(), asset -> kernel.apply(x, y, asset * dates, dates, window, params, out));
        }

        private void crossSection(CrossSectionKernel kernel, PlanNode node, double[] out) {
            double[] x = input(node, 0);
            double[] params = node.paramsView();
            perDate((buffers, t) -> {
                gather(x, t, buffers[0]);
                kernel.apply(buffers[0], block.assets(), params, buffers[2]);
                scatter(buffers[2], t, out);
            });
        }

        private void group(GroupKernel kernel, PlanNode node, double[] out) {
            double[] x = input(node, 0);
            double[] g = input(node, 1);
            double[] params = node.paramsView();
            perDate((buffers, t) -> {
                gather(x, t, buffers[0]);
                gather(g, t, buffers[1]);
                kernel.apply(buffers[0], buffers[1], block.assets(), params, buffers[2]);
                scatter(buffers[2], t, out);
            });
        }

        /** One date's values across assets; absent cells read as NaN so they take no part. */
        private void gather(double[] source, int t, double[] into) {
            boolean[] present = block.present();
            int dates = block.dates();
            for (int a = 0, i = t; a < block.assets(); a++, i += dates) {
                into[a] = present == null || present[i] ? source[i] : Double.NaN;
            }
        }

        private void scatter(double[] from, int t, double[] out) {
            int dates = block.dates();
            for (int a = 0, i = t; a < block.assets(); a++, i += dates) {
                out[i] = from[a];
            }
        }

        private interface DateTask {
            void run(double[][] buffers, int date);
        }

        /** Dates in parallel, in contiguous runs so each worker reuses its gather buffers. */
        private void perDate(DateTask task) {
            int dates = block.dates();
            int workers = Math.max(1, Math.min(dates, Runtime.getRuntime().availableProcessors() * 4));
            int assets = block.assets();
            IntStream.range(0, workers).parallel().forEach(w -> {
                double[][] buffers = {new double[assets], new double[assets], new double[assets]};
                int from = (int) ((long) dates * w / workers);
                int to = (int) ((long) dates * (w + 1) / workers);
                for (int t = from; t < to; t++) {
                    task.run(buffers, t);
                }
            });
        }

        private interface Range {
            void run(int from, int to);
        }

        private static void chunks(int n, Range range) {
            int count = (n + CELL_CHUNK - 1) / CELL_CHUNK;
            IntStream.range(0, count).parallel().forEach(c -> range.run(c * CELL_CHUNK, Math.min(n, (c + 1) * CELL_CHUNK)));
        }

        private static void parallel(int n, IntConsumer task) {
            IntStream.range(0, n).parallel().forEach(task);
        }
    }
}
