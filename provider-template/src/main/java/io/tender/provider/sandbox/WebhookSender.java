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

    /**
     * Made on the sender's thread, the only one that uses it, by the first delivery: the JDK's
     * client loads about 180 ms of classes and starts a thread, which the start of Tender does not
     * need to wait for (docs/PERFORMANCE.md, boot).
     */
    private HttpClient http;
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
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
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

    /**
     * Stops at once, without waiting for the delivery in flight: that delivery is to Tender, which
     * holds it until this provider's successor runs, and the successor runs only once this bundle
     * has stopped; waiting here held every update of the sandbox for the full wait (ProviderHotSwapIT).
     * The interrupted delivery is still applied by Tender; the events not yet sent are dropped, and
     * Tender reads their state instead, as it must when any partner's notification is lost.
     */
    @Override
    public void close() {
        int unsent = queue.shutdownNow().size();
        if (unsent > 0) {
            LOG.info("Sandbox stopping; {} events not sent", unsent);
        }
        try {
            if (!queue.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Sandbox webhook delivery did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
