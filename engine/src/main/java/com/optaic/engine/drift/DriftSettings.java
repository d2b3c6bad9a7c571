package com.optaic.engine.drift;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;

/**
 * How features are compared: the number of bins for PSI and Jensen-Shannon, the reference size up to which
 * the Kolmogorov-Smirnov p-value decides drift (above it the scaled Wasserstein distance does), both
 * thresholds, and the share of drifted features at which the whole dataset counts as drifted.
 *
 * @param bins number of bins, from the reference's quantiles (at least 2)
 * @param ksMaxReference a reference with at most this many values uses method {@code ks}
 * @param ksPValueThreshold method {@code ks} drifts when the p-value is below this
 * @param wassersteinThreshold method {@code wasserstein} drifts when the scaled distance is at least this
 * @param datasetDriftShare the dataset drifts when the share of drifted features is at least this
 */
public record DriftSettings(
        int bins, int ksMaxReference, double ksPValueThreshold, double wassersteinThreshold, double datasetDriftShare) {
    public static final DriftSettings DEFAULTS = new DriftSettings(10, 1_000, 0.05, 0.1, 0.5);

    public DriftSettings {
        if (bins < 2 || bins > 10_000) {
            throw bad("bins must be between 2 and 10000, got " + bins);
        }
        if (ksMaxReference < 0) {
            throw bad("the ks reference limit must not be negative, got " + ksMaxReference);
        }
        if (!(ksPValueThreshold > 0 && ksPValueThreshold < 1)) {
            throw bad("the ks p-value threshold must be in (0, 1), got " + ksPValueThreshold);
        }
        if (!(wassersteinThreshold > 0) || Double.isInfinite(wassersteinThreshold)) {
            throw bad("the wasserstein threshold must be positive, got " + wassersteinThreshold);
        }
        if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
            throw bad("the dataset drift share must be in (0, 1], got " + datasetDriftShare);
        }
    }

    public DriftSettings withBins(int newBins) {
        return new DriftSettings(newBins, ksMaxReference, ksPValueThreshold, wassersteinThreshold, datasetDriftShare);
    }

    private static OptaicException bad(String message) {
        return new OptaicException(EngineErrorCode.DRIFT_BAD_SETTINGS, "Invalid drift settings: " + message);
    }
}
