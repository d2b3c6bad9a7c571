package com.optaic.metadata;

import java.util.Map;

/**
 * What promotion into a subspace demands: each named metric of the validation run within its threshold, and,
 * with four-eyes on, a promoter other than the signal's creator.
 */
public record PromotionPolicy(Map<String, Threshold> thresholds, boolean fourEyes) {
    public PromotionPolicy {
        thresholds = Map.copyOf(thresholds);
    }

    public static PromotionPolicy none() {
        return new PromotionPolicy(Map.of(), false);
    }
}
