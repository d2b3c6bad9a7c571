package com.optaic.jobs.report;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One self-contained HTML page: a title, sections of charts and tables, the lineage last. Nothing is loaded
 * from elsewhere (no scripts, fonts or images), so the file opens the same offline and anywhere it is copied.
 */
public final class ReportPage {
    private static final String STYLE = "body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:760px;"
            + "color:#222}h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}"
            + "svg.chart{width:100%;height:auto;display:block;margin:8px 0}svg text{font-size:11px;fill:#333}"
            + "svg text.title{font-size:12px;font-weight:600}.axis{stroke:#999}"
            + "table{border-collapse:collapse;margin:8px 0;font-size:12px}"
            + "td,th{border:1px solid #ddd;padding:2px 8px;text-align:right}th{background:#f4f4f4}"
            + "td:first-child,th:first-child{text-align:left}p.note{color:#666;font-size:12px}";

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public ReportPage(String title) {
        this.title = title;
    }

    public ReportPage section(String heading) {
        body.append("<h2>").append(Html.escape(heading)).append("</h2>");
        return this;
    }

    public ReportPage note(String text) {
        body.append("<p class=\"note\">").append(Html.escape(text)).append("</p>");
        return this;
    }

    /** Markup built by the chart classes or {@link Html}, which escape what they draw. */
    public ReportPage add(String markup) {
        body.append(markup);
        return this;
    }

    public String html() {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><style>" + STYLE + "</style></head><body><h1>" + Html.escape(title) + "</h1>" + body
                + "</body></html>\n";
    }

    /** Writes the page whole: a temporary file beside the target, then moved over it. */
    public void write(Path file) {
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        if (Files.isDirectory(target)) {
            throw new OptaicException(
                    JobsErrorCode.REPORT_NOT_WRITTEN, "Cannot write the report " + file + ": it is a directory");
        }
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temporary, html(), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new OptaicException(
                    JobsErrorCode.REPORT_NOT_WRITTEN, "Cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }
}
