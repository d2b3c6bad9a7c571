package com.optaic.jobs.monitoring;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.drift.DriftSettings;
import com.optaic.jobs.JobsErrorCode;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@code monitoring} member of a DatasetInstance or ModelInstance config, which a MonitoringRun reads (the
 * rest of the config belongs to the instance's other run types and is ignored here):
 *
 * <pre>{@code
 * "monitoring": {
 *   "dataset": "<dataset id>",            // what to watch; default the DatasetInstance itself (required for a model:
 *                                         //   its predictions dataset)
 *   "features": ["a", "b"],               // default: every numeric field
 *   "reference": {"from": "2024-01-02", "to": "2024-06-28"},
 *   "current": {"days": 20},              // the last N dates of the version (default 20), or {"from", "to"}
 *   "bins": 10, "ks_pvalue": 0.05, "wasserstein_threshold": 0.1, "ks_max_reference": 1000,
 *   "psi_warn": 0.1, "psi_alert": 0.25,
 *   "output": "<dataset id>",             // default: a dataset '<instance>-drift' beside the instance
 *   "webhook": "https://hooks.example/x", // alerts are POSTed here after the run publishes
 *   "returns": {"dataset": "<id>", "field": "close", "horizon": 5, "prediction": "prediction"},
 *   "profile": true                       // keep the reference's profile as a version; later runs read only
 *                                         //   the current window (a fixed reference window only)
 * }
 * }</pre>
 *
 * {@code returns} (models): the IC and rank IC of the prediction field against the realised forward return of
 * {@code field} over {@code horizon} dates, per date, averaged over each window. Every refusal is a
 * {@link JobsErrorCode#BAD_RUN_CONFIG} naming the member by its dotted path.
 */
public record MonitoringConfig(
        Optional<UUID> dataset,
        Optional<List<String>> features,
        Window reference,
        Window current,
        DriftSettings drift,
        double psiWarn,
        double psiAlert,
        Optional<UUID> output,
        Optional<String> webhook,
        Optional<Returns> returns,
        boolean storedProfile) {
    public static final String MEMBER = "monitoring";
    private static final Set<String> KNOWN = Set.of(
            "dataset",
            "features",
            "reference",
            "current",
            "bins",
            "ks_pvalue",
            "wasserstein_threshold",
            "ks_max_reference",
            "psi_warn",
            "psi_alert",
            "output",
            "webhook",
            "returns",
            "profile");

    /**
     * A window of dates: {@code from}..{@code to} inclusive, or the last {@code days} dates of the data (for the
     * current window, or, for the reference, the {@code days} dates before the current window).
     */
    public record Window(Optional<LocalDate> from, Optional<LocalDate> to, Optional<Integer> days) {
        public Window {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(days, "days is null");
        }
    }

    /** Realised forward returns for a model's predictions. */
    public record Returns(UUID dataset, String field, int horizon, String prediction) {
        public Returns {
            requireNonNull(dataset, "dataset is null");
            requireNonNull(field, "field is null");
            requireNonNull(prediction, "prediction is null");
        }
    }

    public MonitoringConfig {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(features, "features is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(current, "current is null");
        requireNonNull(drift, "drift is null");
        requireNonNull(output, "output is null");
        requireNonNull(webhook, "webhook is null");
        requireNonNull(returns, "returns is null");
    }

    /** Parses the {@code monitoring} member of an instance config; a config without one is refused. */
    public static MonitoringConfig parse(JsonNode instanceConfig) {
        JsonNode node = instanceConfig == null ? null : instanceConfig.get(MEMBER);
        if (node == null || !node.isObject()) {
            throw bad(
                    "",
                    "has no '" + MEMBER + "' object; a MonitoringRun needs at least"
                            + " {\"monitoring\": {\"reference\": {\"from\": ..., \"to\": ...}}}");
        }
        unknownMembers(node, MEMBER + ".", KNOWN);
        Optional<UUID> dataset = optionalId(node, "dataset");
        Optional<List<String>> features = Optional.empty();
        if (node.has("features")) {
            JsonNode list = node.get("features");
            if (!list.isArray() || list.isEmpty()) {
                throw bad("features", "must be a non-empty array of field names");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode name : list) {
                if (!name.isTextual() || name.asText().isBlank()) {
                    throw bad("features", "must hold field names (strings), got " + name);
                }
                if (names.contains(name.asText())) {
                    throw bad("features", "names '" + name.asText() + "' twice");
                }
                names.add(name.asText());
            }
            features = Optional.of(List.copyOf(names));
        }
        if (!node.has("reference")) {
            throw bad("reference", "is required: {\"from\": DATE, \"to\": DATE} or {\"days\": N}");
        }
        Window reference = window(node.get("reference"), "reference");
        Window current = node.has("current")
                ? window(node.get("current"), "current")
                : new Window(Optional.empty(), Optional.empty(), Optional.of(20));
        DriftSettings defaults = DriftSettings.DEFAULTS;
        DriftSettings drift;
        try {
            drift = new DriftSettings(
                    intMember(node, "bins", defaults.bins()),
                    intMember(node, "ks_max_reference", defaults.ksMaxReference()),
                    number(node, "ks_pvalue", defaults.ksPValueThreshold()),
                    number(node, "wasserstein_threshold", defaults.wassersteinThreshold()),
                    defaults.datasetDriftShare());
        } catch (OptaicException e) {
            throw bad("", e.getMessage());
        }
        double psiWarn = number(node, "psi_warn", 0.1);
        double psiAlert = number(node, "psi_alert", 0.25);
        if (!(psiWarn > 0) || !(psiAlert >= psiWarn)) {
            throw bad(
                    "psi_alert",
                    "must be at least psi_warn, both positive; got warn " + psiWarn + ", alert " + psiAlert);
        }
        Optional<UUID> output = optionalId(node, "output");
        Optional<String> webhook = Optional.empty();
        if (node.has("webhook")) {
            String url = node.get("webhook").asText("");
            try {
                URI uri = URI.create(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("not http");
                }
            } catch (IllegalArgumentException e) {
                throw bad("webhook", "must be an http(s) URL, got '" + url + "'");
            }
            webhook = Optional.of(url);
        }
        Optional<Returns> returns = Optional.empty();
        if (node.has("returns")) {
            JsonNode r = node.get("returns");
            if (!r.isObject()) {
                throw bad("returns", "must be an object {dataset, field, horizon, prediction}");
            }
            unknownMembers(r, MEMBER + ".returns.", Set.of("dataset", "field", "horizon", "prediction"));
            UUID returnsDataset = optionalId(r, "dataset", "returns.dataset")
                    .orElseThrow(() -> bad("returns.dataset", "is required: the prices dataset"));
            int horizon = intMember(r, "horizon", 1, "returns.horizon");
            if (horizon < 1) {
                throw bad("returns.horizon", "must be at least 1, got " + horizon);
            }
            returns = Optional.of(new Returns(
                    returnsDataset,
                    text(r, "field", "close", "returns.field"),
                    horizon,
                    text(r, "prediction", "prediction", "returns.prediction")));
        }
        boolean storedProfile = false;
        if (node.has("profile")) {
            if (!node.get("profile").isBoolean()) {
                throw bad("profile", "must be true or false, got " + node.get("profile"));
            }
            storedProfile = node.get("profile").asBoolean();
            if (storedProfile && returns.isPresent()) {
                throw bad("profile", "cannot be combined with 'returns' yet: the IC needs the reference window's rows");
            }
            if (storedProfile && reference.days().isPresent()) {
                throw bad("profile", "needs a fixed reference window {\"from\", \"to\"}, not 'days'");
            }
        }
        return new MonitoringConfig(
                dataset,
                features,
                reference,
                current,
                drift,
                psiWarn,
                psiAlert,
                output,
                webhook,
                returns,
                storedProfile);
    }

    private static Window window(JsonNode node, String path) {
        if (!node.isObject()) {
            throw bad(path, "must be an object {\"from\", \"to\"} or {\"days\"}");
        }
        unknownMembers(node, MEMBER + "." + path + ".", Set.of("from", "to", "days"));
        Optional<LocalDate> from = date(node, "from", path + ".from");
        Optional<LocalDate> to = date(node, "to", path + ".to");
        Optional<Integer> days =
                node.has("days") ? Optional.of(intMember(node, "days", 0, path + ".days")) : Optional.empty();
        if (days.isPresent() && (from.isPresent() || to.isPresent())) {
            throw bad(path, "takes either 'days' or 'from'/'to', not both");
        }
        if (days.isEmpty() && (from.isEmpty() || to.isEmpty())) {
            throw bad(path, "needs 'from' and 'to' (dates), or 'days'");
        }
        if (days.isPresent() && days.get() < 1) {
            throw bad(path + ".days", "must be at least 1, got " + days.get());
        }
        if (from.isPresent() && from.get().isAfter(to.get())) {
            throw bad(path, "'from' " + from.get() + " is after 'to' " + to.get());
        }
        return new Window(from, to, days);
    }

    private static Optional<LocalDate> date(JsonNode node, String member, String path) {
        if (!node.has(member)) {
            return Optional.empty();
        }
        String text = node.get(member).asText("");
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw bad(path, "must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    private static Optional<UUID> optionalId(JsonNode node, String member) {
        return optionalId(node, member, member);
    }

    private static Optional<UUID> optionalId(JsonNode node, String member, String path) {
        if (!node.has(member)) {
            return Optional.empty();
        }
        String text = node.get(member).asText("");
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw bad(path, "must be a dataset id, got '" + text + "'");
        }
    }

    private static int intMember(JsonNode node, String member, int fallback) {
        return intMember(node, member, fallback, member);
    }

    private static int intMember(JsonNode node, String member, int fallback, String path) {
        if (!node.has(member)) {
            return fallback;
        }
        JsonNode value = node.get(member);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw bad(path, "must be a whole number, got " + value);
        }
        return value.asInt();
    }

    private static double number(JsonNode node, String member, double fallback) {
        if (!node.has(member)) {
            return fallback;
        }
        JsonNode value = node.get(member);
        if (!value.isNumber()) {
            throw bad(member, "must be a number, got " + value);
        }
        return value.asDouble();
    }

    private static String text(JsonNode node, String member, String fallback, String path) {
        if (!node.has(member)) {
            return fallback;
        }
        JsonNode value = node.get(member);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw bad(path, "must be a non-empty string, got " + value);
        }
        return value.asText();
    }

    private static void unknownMembers(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "MonitoringRun config '" + prefix + name + "' is not a known setting; known: "
                                + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    static OptaicException bad(String member, String problem) {
        return new OptaicException(
                JobsErrorCode.BAD_RUN_CONFIG,
                member.isEmpty()
                        ? "MonitoringRun config " + problem
                        : "MonitoringRun config '" + MEMBER + "." + member + "' " + problem);
    }
}
