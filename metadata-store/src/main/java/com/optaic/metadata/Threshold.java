package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.util.Optional;

/** Bounds a validation metric must meet, both inclusive; at least one is present. */
public record Threshold(Optional<Double> min, Optional<Double> max) {
    public Threshold {
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        if (min.isEmpty() && max.isEmpty()) {
            throw new OptaicException(MetadataErrorCode.INVALID_INPUT, "A threshold needs a min, a max or both");
        }
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT, "Threshold min " + min.get() + " is above its max " + max.get());
        }
    }

    public static Threshold atLeast(double min) {
        return new Threshold(Optional.of(min), Optional.empty());
    }

    public static Threshold atMost(double max) {
        return new Threshold(Optional.empty(), Optional.of(max));
    }

    public boolean accepts(double value) {
        return !Double.isNaN(value)
                && min.map(m -> value >= m).orElse(true)
                && max.map(m -> value <= m).orElse(true);
    }
}
