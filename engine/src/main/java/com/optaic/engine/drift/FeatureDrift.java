package com.optaic.engine.drift;

import static java.util.Objects.requireNonNull;

/**
 * The comparison of one feature between a reference and a current sample; the names follow the JSON keys of
 * {@code optaic drift --json}. Missing values are left out of every statistic and counted in the null shares.
 *
 * @param method {@code ks} or {@code wasserstein}, by the reference's size
 * @param score the p-value for {@code ks}, the scaled Wasserstein distance for {@code wasserstein}
 * @param threshold the score's threshold: drift is {@code score < threshold} for ks, {@code >=} for wasserstein
 */
public record FeatureDrift(
        String feature,
        long nReference,
        long nCurrent,
        double nullShareReference,
        double nullShareCurrent,
        double psi,
        double js,
        double ksStatistic,
        double ksPvalue,
        double wasserstein,
        double outOfRangeShare,
        String method,
        double score,
        double threshold,
        boolean drift) {
    public static final String KS = "ks";
    public static final String WASSERSTEIN = "wasserstein";

    public FeatureDrift {
        requireNonNull(feature, "feature is null");
        requireNonNull(method, "method is null");
    }
}
