package io.tender.provider.sandbox;

import io.tender.api.Money;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox's webhook format, made like Stripe's: a form-encoded body signed with
 * {@code Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, accepted for five
 * minutes after {@code t}.
 */
final class SandboxWebhooks {

    static final String SIGNATURE_HEADER = "Sandbox-Signature";
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private SandboxWebhooks() {
    }

    static String sign(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
    }

    static ProviderEvent verify(String secret, WebhookRequest request, Function<String, Currency> currencyOf)
            throws WebhookRejectedException {
        return verify(secret, request, currencyOf, Clock.systemUTC());
    }

    static ProviderEvent verify(String secret, WebhookRequest request, Function<String, Currency> currencyOf, Clock clock)
            throws WebhookRejectedException {
        String header = request.header(SIGNATURE_HEADER);
        if (header == null) {
            throw new WebhookRejectedException("no " + SIGNATURE_HEADER + " header");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2) {
                parts.put(pair[0].trim(), pair[1].trim());
            }
        }
        long timestamp;
        Instant signedAt;
        try {
            timestamp = Long.parseLong(parts.getOrDefault("t", ""));
            signedAt = Instant.ofEpochSecond(timestamp);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new WebhookRejectedException("signature has no valid timestamp");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            throw new WebhookRejectedException("signature timestamp is outside the tolerance");
        }
        String expected = hmac(secret, timestamp + "." + request.bodyText());
        String given = parts.getOrDefault("v1", "");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejectedException("signature does not match");
        }
        Map<String, String> fields = form(request.bodyText());
        String type = fields.getOrDefault("type", "");
        String checkout = fields.get("checkout");
        if (fields.get("id") == null || checkout == null) {
            throw new WebhookRejectedException("event has no id or checkout");
        }
        Currency currency = currencyOf.apply(checkout);
        Money amount = fields.containsKey("amount") && currency != null
                ? new Money(Long.parseLong(fields.get("amount")), currency) : null;
        return switch (type) {
            case "checkout.paid" -> event(fields, ProviderEvent.Kind.PAYMENT, ProviderStatus.SUCCEEDED, amount, signedAt);
            case "checkout.declined" -> event(fields, ProviderEvent.Kind.PAYMENT, ProviderStatus.DECLINED, amount, signedAt);
            case "checkout.canceled" -> event(fields, ProviderEvent.Kind.PAYMENT, ProviderStatus.CANCELED, amount, signedAt);
            case "checkout.expired" -> event(fields, ProviderEvent.Kind.PAYMENT, ProviderStatus.EXPIRED, amount, signedAt);
            case "refund.succeeded" -> event(fields, ProviderEvent.Kind.REFUND, ProviderStatus.SUCCEEDED, amount, signedAt);
            default -> event(fields, ProviderEvent.Kind.IGNORED, ProviderStatus.PENDING, null, signedAt);
        };
    }

    private static ProviderEvent event(Map<String, String> fields, ProviderEvent.Kind kind, ProviderStatus status,
            Money amount, Instant at) {
        return new ProviderEvent(fields.get("id"), kind, fields.get("checkout"), null, status, amount, fields.get("refund"),
                fields.get("tender_refund"), at);
    }

    static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
