package io.tender.provider.sandbox;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the sandbox's signed notifications to Tender, one at a time and in order, off the
 * caller's thread. A notification that cannot be delivered is dropped: Tender recovers the state
 * by asking the sandbox ({@code fetchState}), as it must with any real partner.
 */
class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService queue = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    void send(SandboxCheckout checkout, Map<String, String> event) {
        if (checkout.webhookUrl() == null) {
            return;
        }
        String body = SandboxWebhooks.form(event);
        String signature = SandboxWebhooks.sign(checkout.webhookSecret(), System.currentTimeMillis() / 1000, body);
        HttpRequest request = HttpRequest.newBuilder(checkout.webhookUrl())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SandboxWebhooks.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            queue.execute(() -> deliver(request, event.get("id")));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // The bundle is stopping: the event is not sent, and Tender will read the state instead.
            LOG.info("Sandbox stopping; event {} not sent", event.get("id"));
        }
    }

    private void deliver(HttpRequest request, String eventId) {
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                LOG.warn("Tender answered {} to sandbox event {}", response.statusCode(), eventId);
            }
        } catch (java.io.IOException e) {
            LOG.warn("Sandbox event {} not delivered: {}", eventId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        queue.shutdown();
        try {
            if (!queue.awaitTermination(5, TimeUnit.SECONDS)) {
                // Nothing of this bundle may keep running once it is stopped (or updated).
                queue.shutdownNow();
            }
        } catch (InterruptedException e) {
            queue.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
