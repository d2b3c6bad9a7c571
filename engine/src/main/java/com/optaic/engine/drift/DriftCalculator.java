package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares current values of features with their reference profiles. Statistics follow the definitions of
 * {@code docs/models-and-monitoring.md}: missing values left out, PSI and Jensen-Shannon over the reference's
 * quantile bins, the two-sample Kolmogorov-Smirnov D and p-value, the Wasserstein-1 distance divided by
 * max(reference std, 0.001), the share of current values outside the reference's range; the method is
 * {@code ks} for a reference of at most {@link DriftSettings#ksMaxReference()} values, else {@code wasserstein}.
 */
public final class DriftCalculator {
    /** The smallest reference standard deviation the Wasserstein distance is divided by. */
    public static final double MIN_SCALE = 0.001;

    private final DriftSettings settings;

    public DriftCalculator(DriftSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public DriftSettings settings() {
        return settings;
    }

    /** Compares two raw columns (NaN = missing) of the same feature. */
    public FeatureDrift compare(String feature, double[] reference, double[] current) {
        return compare(ReferenceProfile.of(feature, reference, settings.bins()), current);
    }

    /** Compares every feature of {@code current} with the profile of the same name, in the profiles' order. */
    public DriftReport compare(List<ReferenceProfile> profiles, Map<String, double[]> current) {
        List<FeatureDrift> features = new ArrayList<>();
        for (ReferenceProfile profile : profiles) {
            double[] values = current.get(profile.feature());
            if (values == null) {
                throw new OptaicException(
                        EngineErrorCode.UNKNOWN_FIELD,
                        "Cannot compare feature '" + profile.feature() + "': the current data has no such column");
            }
            features.add(compare(profile, values));
        }
        return DriftReport.of(features, settings);
    }

    /** Compares a raw current column (NaN = missing) with a reference profile. */
    public FeatureDrift compare(ReferenceProfile reference, double[] current) {
        requireNonNull(reference, "reference is null");
        requireNonNull(current, "current is null");
        if (reference.shares().length != settings.bins()) {
            throw new OptaicException(
                    EngineErrorCode.DRIFT_BAD_SETTINGS,
                    "Cannot compare feature '" + reference.feature() + "': its reference profile has "
                            + reference.shares().length + " bins, the settings ask for " + settings.bins());
        }
        double[] sorted = DriftMath.sortedPresent(current);
        if (sorted.length == 0) {
            throw new OptaicException(
                    EngineErrorCode.DRIFT_NO_VALUES,
                    "Cannot compare feature '" + reference.feature() + "': the current data has no values ("
                            + current.length + " rows, all missing)");
        }
        double[] currentShares = DriftMath.binShares(sorted, reference.edges());
        double psi = DriftMath.psi(reference.shares(), currentShares);
        double js = DriftMath.jensenShannon(reference.shares(), currentShares);
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(reference.sortedSample(), sorted);
        double wasserstein =
                DriftMath.wasserstein(reference.sortedSample(), sorted) / Math.max(reference.std(), MIN_SCALE);
        double outOfRange = DriftMath.outOfRangeShare(sorted, reference.min(), reference.max());
        boolean byKs = reference.count() <= settings.ksMaxReference();
        String method = byKs ? FeatureDrift.KS : FeatureDrift.WASSERSTEIN;
        double score = byKs ? ks.pvalue() : wasserstein;
        double threshold = byKs ? settings.ksPValueThreshold() : settings.wassersteinThreshold();
        boolean drift = byKs ? score < threshold : score >= threshold;
        return new FeatureDrift(
                reference.feature(),
                reference.count(),
                sorted.length,
                reference.nullShare(),
                (double) (current.length - sorted.length) / current.length,
                psi,
                js,
                ks.statistic(),
                ks.pvalue(),
                wasserstein,
                outOfRange,
                method,
                score,
                threshold,
                drift);
    }
}
