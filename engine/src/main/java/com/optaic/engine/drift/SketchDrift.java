package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;

/**
 * Drift statistics from two sketches, for data too large to sort: PSI and Jensen-Shannon exactly as
 * {@link DriftCalculator} (the current shares are exact counts against the reference's edges), the
 * Kolmogorov-Smirnov D as the largest gap between the sketches' distribution functions at every quantile of
 * either, the Wasserstein-1 distance as the mean absolute gap of the quantile functions over the levels, and
 * the out-of-range share exactly. With L levels and sketches of relative rank error e, D is within 1/L + 2e of
 * the exact D, and the Wasserstein distance within the quantiles' spread over a rank window of 1/L + 2e; the
 * p-value is the asymptotic one for that D.
 */
public final class SketchDrift {
    private final DriftSettings settings;

    public SketchDrift(DriftSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * The current window of a feature, as one scan gives it.
     *
     * @param binCounts counts per reference bin (value in [edge_{b-1}, edge_b))
     * @param outOfRange values below the reference's min or above its max
     */
    public record CurrentSummary(long count, long missing, long[] binCounts, long outOfRange, double[] quantiles) {
        public CurrentSummary {
            requireNonNull(binCounts, "binCounts is null");
            requireNonNull(quantiles, "quantiles is null");
        }
    }

    public FeatureDrift compare(SketchProfile reference, CurrentSummary current) {
        double[] q = new double[current.binCounts().length];
        for (int b = 0; b < q.length; b++) {
            q[b] = current.count() == 0 ? 0 : (double) current.binCounts()[b] / current.count();
        }
        double psi = DriftMath.psi(reference.shares(), q);
        double js = DriftMath.jensenShannon(reference.shares(), q);
        double d = 0;
        for (double x : reference.quantiles()) {
            d = Math.max(
                    d,
                    Math.abs(SketchProfile.cdfAt(reference.quantiles(), x)
                            - SketchProfile.cdfAt(current.quantiles(), x)));
        }
        for (double x : current.quantiles()) {
            d = Math.max(
                    d,
                    Math.abs(SketchProfile.cdfAt(reference.quantiles(), x)
                            - SketchProfile.cdfAt(current.quantiles(), x)));
        }
        double m = Math.max(reference.count(), current.count());
        double n = Math.min(reference.count(), current.count());
        double pvalue =
                KolmogorovDistribution.survival((int) Math.min(Math.rint(m * n / (m + n)), Integer.MAX_VALUE), d);
        int levels = reference.quantiles().length - 1;
        double sum = 0;
        for (int k = 0; k < levels; k++) {
            double u = (k + 0.5) / levels;
            sum += Math.abs(SketchProfile.quantileAt(reference.quantiles(), u)
                    - SketchProfile.quantileAt(current.quantiles(), u));
        }
        double wasserstein = sum / levels / Math.max(reference.std(), DriftCalculator.MIN_SCALE);
        boolean byKs = reference.count() <= settings.ksMaxReference();
        double score = byKs ? pvalue : wasserstein;
        double threshold = byKs ? settings.ksPValueThreshold() : settings.wassersteinThreshold();
        long rows = current.count() + current.missing();
        return new FeatureDrift(
                reference.feature(),
                reference.count(),
                current.count(),
                reference.nullShare(),
                rows == 0 ? 0 : (double) current.missing() / rows,
                psi,
                js,
                d,
                pvalue,
                wasserstein,
                current.count() == 0 ? 0 : (double) current.outOfRange() / current.count(),
                byKs ? FeatureDrift.KS : FeatureDrift.WASSERSTEIN,
                score,
                threshold,
                byKs ? score < threshold : score >= threshold);
    }
}
