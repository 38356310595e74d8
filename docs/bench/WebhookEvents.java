import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes the webhook deliveries of docs/bench/perf.sh's ingestion step: one signed sandbox
 * {@code checkout.paid} event for each of up to MAX pending payments of the location (read over the
 * API), and a second delivery of every DUPLICATE_EVERY-th event, as providers redeliver. One line a
 * delivery: the Sandbox-Signature header, a tab, the form body; shuffled, so a duplicate does not
 * follow its first delivery at once. With SKIP, the SKIP newest pending payments are passed over, so
 * that a warm-up's events and the measured ones concern different payments.
 *
 * <p>Usage: {@code java WebhookEvents.java BASE_URL API_KEY LOCATION WEBHOOK_SECRET MAX DUPLICATE_EVERY OUT [SKIP]}
 */
public final class WebhookEvents {

    // a payment's status and provider reference are neighbours in its JSON (PaymentView's order)
    private static final Pattern REFERENCE = Pattern.compile("\"status\":\"PENDING\",\"providerReference\":\"([^\"]+)\"");
    private static final Pattern CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String apiKey = args[1];
        String location = args[2];
        String secret = args[3];
        int max = Integer.parseInt(args[4]);
        int duplicateEvery = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        int skip = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        List<String> pending = pendingCheckouts(base, apiKey, location, skip + max);
        List<String> references = pending.subList(Math.min(skip, pending.size()), pending.size());
        long now = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            String body = "id=" + URLEncoder.encode("evt_bench_" + now + "_" + (skip + i), StandardCharsets.UTF_8)
                    + "&type=checkout.paid&checkout=" + URLEncoder.encode(references.get(i), StandardCharsets.UTF_8)
                    + "&amount=5000";
            String signature = "t=" + now + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((now + "." + body).getBytes(StandardCharsets.UTF_8)));
            lines.add(signature + "\t" + body);
            if (duplicateEvery > 0 && i % duplicateEvery == 0) {
                lines.add(signature + "\t" + body);
            }
        }
        java.util.Collections.shuffle(lines, new java.util.Random(20261124));
        Files.write(out, lines);
        System.out.println(references.size() + " events, " + (lines.size() - references.size()) + " of them delivered twice");
    }

    private static List<String> pendingCheckouts(String base, String apiKey, String location, int max)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> references = new ArrayList<>();
        String cursor = null;
        do {
            // Pages of the location's payments, newest first; the pending ones are kept.
            String url = base + "/api/payments?locationId=" + location + "&limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + page.statusCode() + ": " + page.body());
            }
            Matcher found = REFERENCE.matcher(page.body());
            while (found.find() && references.size() < max) {
                references.add(found.group(1));
            }
            Matcher next = CURSOR.matcher(page.body());
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null && references.size() < max);
        return references;
    }
}
