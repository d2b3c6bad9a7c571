package com.optaic.engine.drift;

import java.util.List;

/**
 * Every feature's comparison and the dataset's verdict: {@code dataset_drift} when the share of drifted
 * features reaches the settings' share (0.5 by default).
 */
public record DriftReport(
        List<FeatureDrift> features, int nFeatures, int nDrifted, double shareDrifted, boolean datasetDrift) {
    public DriftReport {
        features = List.copyOf(features);
    }

    public static DriftReport of(List<FeatureDrift> features, DriftSettings settings) {
        int drifted = (int) features.stream().filter(FeatureDrift::drift).count();
        double share = features.isEmpty() ? 0.0 : (double) drifted / features.size();
        return new DriftReport(
                features,
                features.size(),
                drifted,
                share,
                !features.isEmpty() && share >= settings.datasetDriftShare());
    }
}
