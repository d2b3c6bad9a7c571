package com.optaic.jobs.monitoring;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.metadata.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * POSTs a run's recorded alerts as one JSON document to a URL, after the run has published: up to
 * {@code attempts} tries with doubling pauses, a non-2xx answer counting as a failure. It never throws: a
 * webhook that stays down is logged and reported as undelivered, and never fails the run.
 */
public final class AlertWebhook {
    private static final System.Logger LOG = System.getLogger(AlertWebhook.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int attempts;
    private final Duration firstPause;
    private final Duration timeout;

    public AlertWebhook(int attempts, Duration firstPause, Duration timeout) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive, got " + attempts);
        }
        this.attempts = attempts;
        this.firstPause = requireNonNull(firstPause, "firstPause is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Four tries, 0.5 s then 1 s then 2 s apart, 10 s per request. */
    public static AlertWebhook standard() {
        return new AlertWebhook(4, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** The body posted: {@code {"run_id", "instance_id", "alerts": [{severity, feature, metric, ...}]}}. */
    public static String body(UUID runId, UUID instanceId, List<Alert> alerts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("run_id", runId.toString());
        root.put("instance_id", instanceId.toString());
        ArrayNode array = root.putArray("alerts");
        for (Alert alert : alerts) {
            ObjectNode node = array.addObject();
            node.put("id", alert.id());
            node.put("severity", alert.alert().severity());
            node.put("feature", alert.alert().feature());
            node.put("metric", alert.alert().metric());
            node.put("value", alert.alert().value());
            node.put("threshold", alert.alert().threshold());
            node.put("window", alert.alert().window());
            node.put("created_at", alert.createdAt().toString());
        }
        return root.toString();
    }

    /** Posts {@code body}; true when some attempt got a 2xx answer. */
    public boolean post(String url, String body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Alert webhook '" + url + "' is not a URL; alerts not delivered");
            return false;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long pause = firstPause.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String failure;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return true;
                }
                failure = "HTTP " + response.statusCode();
            } catch (IOException | RuntimeException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.log(System.Logger.Level.WARNING, "Alert webhook " + url + ": interrupted; alerts not delivered");
                return false;
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Alert webhook " + url + " attempt " + attempt + "/" + attempts + " failed: " + failure);
            if (attempt < attempts) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause *= 2;
            }
        }
        return false;
    }
}
