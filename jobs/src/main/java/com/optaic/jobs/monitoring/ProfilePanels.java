package com.optaic.jobs.monitoring;

import com.optaic.engine.data.Panel;
import com.optaic.engine.drift.SketchProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reference profiles kept as a dataset version: one row per feature (asset = the feature), dated on the
 * reference window's last date, with fields {@code count}, {@code missing}, {@code min}, {@code max},
 * {@code mean}, {@code std}, {@code reference_from}/{@code reference_to} (epoch days), {@code q0000}..{@code
 * qLLLL} (the quantile grid) and {@code share00}.. (the bin shares).
 */
final class ProfilePanels {
    private ProfilePanels() {}

    static Panel toPanel(List<SketchProfile> profiles, LocalDate from, LocalDate to) {
        List<SketchProfile> sorted = new ArrayList<>(profiles);
        sorted.sort((a, b) -> a.feature().compareTo(b.feature()));
        int rows = sorted.size();
        int levels = sorted.get(0).quantiles().length - 1;
        int bins = sorted.get(0).shares().length;
        Map<String, double[]> fields = new LinkedHashMap<>();
        for (String name : List.of("count", "missing", "min", "max", "mean", "std", "reference_from", "reference_to")) {
            fields.put(name, new double[rows]);
        }
        for (int k = 0; k <= levels; k++) {
            fields.put(quantileField(k), new double[rows]);
        }
        for (int b = 0; b < bins; b++) {
            fields.put(shareField(b), new double[rows]);
        }
        String[] assets = new String[rows];
        for (int i = 0; i < rows; i++) {
            SketchProfile p = sorted.get(i);
            assets[i] = p.feature();
            fields.get("count")[i] = p.count();
            fields.get("missing")[i] = p.missing();
            fields.get("min")[i] = p.min();
            fields.get("max")[i] = p.max();
            fields.get("mean")[i] = p.mean();
            fields.get("std")[i] = p.std();
            fields.get("reference_from")[i] = from.toEpochDay();
            fields.get("reference_to")[i] = to.toEpochDay();
            for (int k = 0; k <= levels; k++) {
                fields.get(quantileField(k))[i] = p.quantiles()[k];
            }
            for (int b = 0; b < bins; b++) {
                fields.get(shareField(b))[i] = p.shares()[b];
            }
        }
        return new Panel(new int[] {(int) to.toEpochDay()}, assets, null, fields, Map.of());
    }

    /** The stored profiles of {@code features}, if the panel holds them for this window, grid and bins. */
    static Optional<List<SketchProfile>> fromPanel(
            Panel panel, List<String> features, LocalDate from, LocalDate to, int bins, int levels) {
        if (panel.dateCount() == 0
                || panel.numeric(quantileField(levels)).isEmpty()
                || panel.numeric(quantileField(levels + 1)).isPresent()
                || panel.numeric(shareField(bins - 1)).isEmpty()
                || panel.numeric(shareField(bins)).isPresent()) {
            return Optional.empty();
        }
        int t = panel.dateCount() - 1;
        int dates = panel.dateCount();
        List<String> assets = Arrays.asList(panel.assets());
        List<SketchProfile> profiles = new ArrayList<>();
        for (String feature : features) {
            int a = assets.indexOf(feature);
            if (a < 0 || !panel.isPresent(a, t)) {
                return Optional.empty();
            }
            int cell = a * dates + t;
            if (panel.requireNumeric("reference_from")[cell] != from.toEpochDay()
                    || panel.requireNumeric("reference_to")[cell] != to.toEpochDay()) {
                return Optional.empty();
            }
            double[] grid = new double[levels + 1];
            for (int k = 0; k <= levels; k++) {
                grid[k] = panel.requireNumeric(quantileField(k))[cell];
            }
            double[] shares = new double[bins];
            for (int b = 0; b < bins; b++) {
                shares[b] = panel.requireNumeric(shareField(b))[cell];
            }
            double[] edges = new double[bins - 1];
            for (int b = 1; b < bins; b++) {
                edges[b - 1] = grid[b * (levels / bins)];
            }
            profiles.add(new SketchProfile(
                    feature,
                    (long) panel.requireNumeric("count")[cell],
                    (long) panel.requireNumeric("missing")[cell],
                    panel.requireNumeric("min")[cell],
                    panel.requireNumeric("max")[cell],
                    panel.requireNumeric("mean")[cell],
                    panel.requireNumeric("std")[cell],
                    grid,
                    0.0,
                    edges,
                    shares));
        }
        return Optional.of(profiles);
    }

    static String quantileField(int k) {
        return String.format(Locale.ROOT, "q%04d", k);
    }

    static String shareField(int b) {
        return String.format(Locale.ROOT, "share%02d", b);
    }
}
