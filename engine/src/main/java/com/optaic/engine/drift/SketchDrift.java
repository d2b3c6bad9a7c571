package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;

/**
 * Drift statistics of a current window counted on a reference profile's quantile grid ({@link GridSummary}),
 * for data too large to sort. With a grid of L + 1 quantiles of relative rank error e, and B bins whose edges
 * are grid points (L a multiple of B):
 * <ul>
 *   <li>PSI and Jensen-Shannon: exact for those edges (the edges themselves are within rank e of the exact
 *       quantile edges);</li>
 *   <li>KS D: the largest gap between the reference's F (k/L at q_k) and the current's exact share below q_k,
 *       over the grid: within 1/L + e of the gap sup over the grid cells' ends;</li>
 *   <li>Wasserstein: the integral of |F_ref - F_cur| with both linear inside a cell and the tails beyond the
 *       reference's min and max exact;</li>
 *   <li>the p-value: the asymptotic one for that D; the out-of-range share: exact.</li>
 * </ul>
 */
public final class SketchDrift {
    private final DriftSettings settings;

    public SketchDrift(DriftSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public FeatureDrift compare(SketchProfile reference, GridSummary current) {
        double[] grid = reference.quantiles();
        int levels = grid.length - 1;
        int bins = settings.bins();
        if (levels % bins != 0 || reference.shares().length != bins) {
            throw new IllegalArgumentException("a profile of " + levels + " levels and " + reference.shares().length
                    + " bins cannot give " + bins + " bins");
        }
        long n = current.count();
        double[] q = new double[bins];
        long[] counts = current.binCounts(bins, levels / bins);
        for (int b = 0; b < bins; b++) {
            q[b] = n == 0 ? 0 : (double) counts[b] / n;
        }
        double psi = DriftMath.psi(reference.shares(), q);
        double js = DriftMath.jensenShannon(reference.shares(), q);
        double d = 0;
        double integral = n == 0 ? 0 : (current.belowDistance + current.aboveDistance) / n;
        double previousGap = Math.abs(0 - current.lessThan(0));
        d = previousGap;
        for (int k = 1; k <= levels; k++) {
            double gap = Math.abs((double) k / levels - current.lessThan(k));
            d = Math.max(d, gap);
            integral += (grid[k] - grid[k - 1]) * (previousGap + gap) / 2;
            previousGap = gap;
        }
        double m = Math.max(reference.count(), n);
        double small = Math.min(reference.count(), n);
        int en = (int) Math.min(Math.rint(m * small / (m + small)), Integer.MAX_VALUE);
        double pvalue = en < 1 ? Double.NaN : KolmogorovDistribution.survival(en, d);
        double wasserstein = integral / Math.max(reference.std(), DriftCalculator.MIN_SCALE);
        boolean byKs = reference.count() <= settings.ksMaxReference();
        double score = byKs ? pvalue : wasserstein;
        double threshold = byKs ? settings.ksPValueThreshold() : settings.wassersteinThreshold();
        long rows = n + current.missing();
        return new FeatureDrift(
                reference.feature(),
                reference.count(),
                n,
                reference.nullShare(),
                rows == 0 ? 0 : (double) current.missing() / rows,
                psi,
                js,
                d,
                pvalue,
                wasserstein,
                n == 0 ? 0 : (double) (current.below + current.above) / n,
                byKs ? FeatureDrift.KS : FeatureDrift.WASSERSTEIN,
                score,
                threshold,
                byKs ? score < threshold : score >= threshold);
    }
}
