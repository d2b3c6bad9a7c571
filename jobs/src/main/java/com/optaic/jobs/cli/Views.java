package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.metadata.Activity;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.Resource;
import com.optaic.metadata.Run;
import com.optaic.metadata.TreeNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the command line shows resources, runs, versions, lineage and activities to a person. */
final class Views {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Views() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static void tree(PrintWriter out, TreeNode node) {
        tree(out, node, "", true, true);
    }

    private static void tree(PrintWriter out, TreeNode node, String prefix, boolean last, boolean root) {
        Resource r = node.resource();
        String label = r.name() + "  [" + r.type() + r.kind().map(k -> ":" + k).orElse("") + "]  " + r.id()
                + (r.isArchived() ? "  (archived)" : "");
        out.println(root ? label : prefix + (last ? "└── " : "├── ") + label);
        List<TreeNode> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            tree(out, children.get(i), root ? "" : prefix + (last ? "    " : "│   "), i == children.size() - 1, false);
        }
    }

    static void resources(PrintWriter out, List<Resource> resources) {
        List<List<String>> rows = new ArrayList<>();
        for (Resource r : resources) {
            rows.add(List.of(
                    r.id().toString(),
                    r.type().name(),
                    r.name(),
                    r.status().name().toLowerCase(Locale.ROOT),
                    time(r.updatedAt())));
        }
        Output.table(out, List.of("id", "type", "name", "status", "updated"), rows);
    }

    static void resource(PrintWriter out, Resource r) {
        out.println("id:          " + r.id());
        out.println(
                "type:        " + r.type() + r.kind().map(k -> " (" + k + ")").orElse(""));
        out.println("name:        " + r.name());
        out.println("status:      " + r.status().name().toLowerCase(Locale.ROOT));
        out.println("parent:      " + r.parentId().map(Object::toString).orElse("-"));
        out.println("owner:       " + r.ownerId());
        out.println("created:     " + time(r.createdAt()) + " by " + r.createdBy());
        out.println("updated:     " + time(r.updatedAt()) + " (row version " + r.rowVersion() + ")");
        if (!r.description().isBlank()) {
            out.println("description: " + r.description());
        }
        if (!r.tags().isEmpty()) {
            out.println("tags:        " + String.join(", ", r.tags()));
        }
    }

    static void runs(PrintWriter out, List<Run> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (Run run : runs) {
            rows.add(List.of(
                    run.resource().id().toString(),
                    run.resource().type().name(),
                    run.status().name(),
                    String.valueOf(run.attempt()),
                    run.nominalDate().map(Object::toString).orElse("-"),
                    duration(run),
                    summary(run.metrics())));
        }
        Output.table(out, List.of("run", "type", "status", "attempt", "nominal", "wall", "metrics"), rows);
    }

    static String duration(Run run) {
        return run.startedAt()
                .flatMap(s -> run.endedAt().map(e -> Duration.between(s, e)))
                .map(d -> String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0))
                .orElse("-");
    }

    /** The scalar metrics in one line, nested objects flattened one level, timings and hashes left out. */
    static String summary(JsonNode metrics) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("timings")
                    || key.endsWith("hash")
                    || key.equals("code_version")
                    || key.equals("output_dataset")) {
                continue;
            }
            if (e.getValue().isObject()) {
                e.getValue()
                        .fields()
                        .forEachRemaining(inner -> parts.add(key + "." + inner.getKey() + "="
                                + inner.getValue().asText()));
            } else {
                parts.add(key + "=" + e.getValue().asText());
            }
        }
        return String.join(" ", parts);
    }

    static void run(PrintWriter out, Run run) {
        out.println("run:         " + run.resource().id() + "  ("
                + run.resource().type() + " '" + run.resource().name() + "')");
        out.println("instance:    " + run.snapshot().instanceId() + " version "
                + run.snapshot().instanceVersion());
        out.println("status:      " + run.status() + "  attempt " + run.attempt() + "  trigger "
                + run.trigger().wireName()
                + run.nominalDate().map(d -> "  nominal date " + d).orElse(""));
        out.println("queued:      " + time(run.queuedAt()));
        run.startedAt().ifPresent(t -> out.println("started:     " + time(t)));
        run.endedAt().ifPresent(t -> out.println("ended:       " + time(t) + "  (wall " + duration(run) + ")"));
        run.error().ifPresent(e -> out.println("error:       " + e));
        out.println("code:        " + run.snapshot().codeVersion());
        run.snapshot()
                .definitions()
                .forEach((slot, d) -> out.println("definition:  " + slot + " = " + d.codeRef() + " v" + d.version()
                        + " (" + d.definitionVersionId() + ")"));
        run.snapshot().inputDataVersions().forEach(v -> out.println("input:       data version " + v));
        if (!run.metrics().isEmpty()) {
            out.println("metrics:     " + summary(run.metrics()));
            JsonNode timings = run.metrics().path("timings");
            if (timings.isObject()) {
                List<String> parts = new ArrayList<>();
                timings.fields()
                        .forEachRemaining(
                                t -> parts.add(t.getKey() + " " + t.getValue().asText() + "s"));
                out.println("timings:     " + String.join(", ", parts));
            }
            if (run.metrics().has("content_hash")) {
                out.println("content:     sha256 "
                        + run.metrics().get("content_hash").asText());
            }
        }
    }

    static void versions(PrintWriter out, List<DataVersion> versions) {
        List<List<String>> rows = new ArrayList<>();
        for (DataVersion v : versions) {
            rows.add(List.of(
                    String.valueOf(v.version()),
                    v.id().toString(),
                    String.valueOf(v.rowCount()),
                    v.minDate().map(Object::toString).orElse("-") + ".."
                            + v.maxDate().map(Object::toString).orElse("-"),
                    String.valueOf(v.manifest().files().size()),
                    v.producedByRun().map(Object::toString).orElse("-"),
                    time(v.createdAt())));
        }
        Output.table(out, List.of("version", "id", "rows", "dates", "files", "produced by run", "created"), rows);
    }

    static void lineage(PrintWriter out, List<LineageEdge> edges) {
        List<List<String>> rows = new ArrayList<>();
        for (LineageEdge e : edges) {
            rows.add(List.of(
                    String.valueOf(e.depth()), node(e.upstream()), e.type().wireName(), node(e.downstream())));
        }
        Output.table(out, List.of("depth", "upstream", "edge", "downstream"), rows);
    }

    static String node(LineageNode node) {
        return node.kind().wireName() + ":" + node.id();
    }

    static void activities(PrintWriter out, List<Activity> activities) {
        List<List<String>> rows = new ArrayList<>();
        for (Activity a : activities) {
            rows.add(List.of(
                    String.valueOf(a.id()),
                    time(a.createdAt()),
                    a.actorId().toString(),
                    a.verb(),
                    a.targetKind() + ":" + a.targetId()));
        }
        Output.table(out, List.of("id", "at", "actor", "verb", "target"), rows);
    }
}
