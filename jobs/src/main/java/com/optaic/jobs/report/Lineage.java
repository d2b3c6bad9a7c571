package com.optaic.jobs.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a report was computed from, drawn at its end as a small graph: the inputs (each a box with a label and a
 * detail, such as a dataset and its version or a file) flow into the run, which records its settings and the
 * code version that computed it.
 */
public record Lineage(List<Node> inputs, Node run, Map<String, String> settings, String codeVersion) {
    /** A box of the graph. */
    public record Node(String label, String detail) {
        public Node {
            requireNonNull(label, "label is null");
            requireNonNull(detail, "detail is null");
        }
    }

    public Lineage {
        inputs = List.copyOf(inputs);
        requireNonNull(run, "run is null");
        settings = Map.copyOf(settings);
        requireNonNull(codeVersion, "codeVersion is null");
    }

    /** The lineage of {@code optaic backtest}: a price source and a signal expression. */
    public static Lineage of(String prices, String signal, Map<String, String> settings, String codeVersion) {
        List<Node> inputs = new ArrayList<>();
        inputs.add(new Node("prices", prices));
        inputs.add(new Node("signal", signal));
        return new Lineage(inputs, new Node("optaic backtest", "in process, not recorded"), settings, codeVersion);
    }

    /** The graph as inline SVG, then the settings as a table. */
    String html() {
        int box = 32;
        int gap = 12;
        int height = Math.max(1, inputs.size()) * (box + gap) + gap + 20;
        StringBuilder out = new StringBuilder(Svg.open("lineage", "Lineage")
                .replace(
                        "viewBox=\"0 0 " + Svg.WIDTH + " " + Svg.HEIGHT + "\"",
                        "viewBox=\"0 0 " + Svg.WIDTH + " " + height + "\""));
        double runY = 24 + (height - 24 - box) / 2.0;
        out.append(node(440, runY, 270, box, run.label(), run.detail() + "; code " + codeVersion, "run"));
        for (int i = 0; i < inputs.size(); i++) {
            double y = 24 + i * (box + gap);
            Node input = inputs.get(i);
            out.append(node(8, y, 330, box, input.label(), input.detail(), "input"));
            out.append("<line class=\"edge\" x1=\"338\" y1=\"")
                    .append(Svg.f(y + box / 2.0))
                    .append("\" x2=\"440\" y2=\"")
                    .append(Svg.f(runY + box / 2.0))
                    .append("\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>");
        }
        out.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
                + "markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#555\"/></marker></defs>");
        out.append(Svg.close());
        List<List<String>> rows = new ArrayList<>();
        settings.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(List.of(e.getKey(), e.getValue())));
        rows.add(List.of("code version", codeVersion));
        return out + Html.table(List.of("setting", "value"), rows);
    }

    private static String node(
            double x, double y, double width, double height, String label, String detail, String kind) {
        String shown = detail.length() > 48 ? detail.substring(0, 45) + "..." : detail;
        return "<g class=\"node " + kind + "\"><rect x=\"" + Svg.f(x) + "\" y=\"" + Svg.f(y) + "\" width=\""
                + Svg.f(width) + "\" height=\"" + Svg.f(height) + "\" rx=\"4\" fill=\""
                + (kind.equals("run") ? "#fde9c9" : "#dbe9f6") + "\" stroke=\"#555\"><title>" + Html.escape(detail)
                + "</title></rect>" + Svg.text(x + 6, y + 13, "start", label) + Svg.text(x + 6, y + 27, "start", shown)
                + "</g>";
    }
}
