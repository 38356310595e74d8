package io.tender.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.tender.api.Money;
import io.tender.api.MethodSetting;
import io.tender.api.Payment;
import io.tender.api.PaymentPage;
import io.tender.api.PaymentQuery;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.SettingsService;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.sales.SalesService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Steady payment traffic through the sandbox while its bundle is updated and refreshed again and
 * again, as FileInstall does when its jar in {@code deploy/} is replaced: no request may fail, no
 * payment may be lost or made twice, and the longest pause callers saw is reported.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderHotSwapIT {

    private static final String SANDBOX_BSN = "io.tender.provider-template";
    private static final int UPDATES = 5;
    private static final int CALLERS = 4;
    /** Per caller: 4 callers at one payment each 15 ms is about 260 payments a second offered. */
    private static final long PACE_MILLIS = 15;

    @Inject
    private BundleContext context;

    @Inject
    private PaymentService payments;

    @Inject
    private SettingsService settings;

    @Inject
    private SalesService sales;

    @Inject
    private io.tender.api.PlatformInventory inventory;

    @Configuration
    public Option[] configuration() {
        return TenderDistribution.options(TenderDistribution.freePort());
    }

    @Test
    public void paymentsKeepFlowingWhileTheSandboxBundleIsUpdatedAgainAndAgain() throws Exception {
        settings.createLocation("swap", "Swap Street");
        String connection = settings.connect("swap", "sandbox", "Sandbox",
                Map.of("secretKey", "sk_sandbox_swap", "webhookSecret", "whsec_swap_secret")).id();
        settings.configureMethod(new MethodSetting("swap", "online-sales", true, connection));
        sales.saveItem(new SaleItem("swap", "gift-10", SaleItemKind.GIFT_CARD, "Gift card 10", null, Money.of(1000, "EUR"), null,
                true, null, null));
        Bundle sandbox = sandbox();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong longestNanos = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String[]> made = new ConcurrentLinkedQueue<>(); // {idempotency key, payment id}
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch warm = new CountDownLatch(CALLERS * 20);
        for (int c = 0; c < CALLERS; c++) {
            callers.submit(() -> {
                while (running.get()) {
                    String key = "swap-" + sequence.incrementAndGet();
                    long start = System.nanoTime();
                    try {
                        Payment payment = payments.create(new PaymentRequest("swap", "online-sales", null, "sale", "gift-10", null,
                                null, null, key));
                        if (payment.status() != PaymentStatus.PENDING) {
                            failures.add(key + ": " + payment.status() + " " + payment.failureReason());
                        }
                        made.add(new String[] {key, payment.id()});
                    } catch (RuntimeException e) {
                        failures.add(key + ": " + e);
                    }
                    long took = System.nanoTime() - start;
                    longestNanos.accumulateAndGet(took, Math::max);
                    warm.countDown();
                    try {
                        Thread.sleep(PACE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        assertTrue("traffic started", warm.await(30, TimeUnit.SECONDS));
        long before = System.nanoTime();
        for (int i = 0; i < UPDATES; i++) {
            updateAndRefresh(sandbox); // what FileInstall does when the jar is replaced
            Thread.sleep(300);
        }
        Thread.sleep(500);
        running.set(false);
        callers.shutdown();
        assertTrue(callers.awaitTermination(60, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - before) / 1e9;

        System.out.printf("ProviderHotSwapIT: %d sandbox updates in %.1f s; %d payments made, %d failed; longest call %d ms%n",
                UPDATES, seconds, made.size(), failures.size(), TimeUnit.NANOSECONDS.toMillis(longestNanos.get()));
        assertEquals("failed requests: " + failures, List.of(), new ArrayList<>(failures));

        // None lost, none made twice: the ledger holds exactly the payments made, and each key replays to its payment.
        Set<String> ids = new HashSet<>();
        made.forEach(m -> ids.add(m[1]));
        assertEquals("one payment per request", made.size(), ids.size());
        Set<String> stored = new HashSet<>();
        String cursor = null;
        do {
            PaymentPage page = payments.search(new PaymentQuery("swap", null, null, null, null, null, cursor, 200));
            page.payments().forEach(p -> stored.add(p.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(ids, stored);
        int replayed = 0;
        for (String[] m : made) {
            if (replayed++ % 25 == 0) {
                assertEquals(m[1], payments.create(new PaymentRequest("swap", "online-sales", null, "sale", "gift-10", null, null,
                        null, m[0])).id());
            }
        }
        assertEquals("the new sandbox takes payments", Bundle.ACTIVE, sandbox.getState());
        // The connection's health saw it all: its last 100 calls answered, none failed.
        io.tender.api.ConnectionHealth health = inventory.connectionHealth(connection);
        assertEquals(100, health.recentCalls());
        assertEquals(0, health.recentFailures());
        assertTrue(health.lastSuccessAt() != null && health.lastFailureAt() == null);
    }

    /**
     * Fifty updates leave no old revision of the sandbox alive: once refreshed, every old class loader
     * can be collected, so nothing in the platform (gate, directories, HTTP registrations, caches,
     * threads) keeps one. The loaded class count is reported beside.
     */
    @Test
    public void fiftyUpdatesLeaveNoOldRevisionAlive() throws Exception {
        Bundle sandbox = sandbox();
        java.lang.management.ClassLoadingMXBean classes = java.lang.management.ManagementFactory.getClassLoadingMXBean();
        List<java.lang.ref.WeakReference<ClassLoader>> old = new ArrayList<>();
        settleGc();
        long classesBefore = classes.getLoadedClassCount();
        for (int i = 0; i < 50; i++) {
            old.add(new java.lang.ref.WeakReference<>(providerLoader()));
            updateAndRefresh(sandbox);
            awaitProvider();
        }
        // The new revision answers.
        ClassLoader current = providerLoader();
        long alive = 0;
        for (int round = 0; round < 20; round++) {
            settleGc();
            alive = old.stream().filter(r -> r.get() != null && r.get() != current).count();
            if (alive == 0) {
                break;
            }
        }
        long classesAfter = classes.getLoadedClassCount();
        System.out.printf("ProviderHotSwapIT: after 50 updates, %d of 50 old sandbox class loaders alive; loaded classes %d -> %d%n",
                alive, classesBefore, classesAfter);
        assertEquals("old sandbox revisions still reachable", 0, alive);
    }

    /**
     * Signed webhooks sent while the sandbox is updated again and again are all taken (they wait for
     * the new version) and applied once; and a method switched to another connection in one step
     * keeps the payments made before on their own connection, for refunds and webhooks.
     */
    @Test
    public void webhooksDuringUpdatesAreAppliedAndASwitchedMethodKeepsOldPaymentsOnTheirConnection() throws Exception {
        settings.createLocation("hooks", "Hook Lane");
        String first = settings.connect("hooks", "sandbox", "Sandbox A", Map.of("secretKey", "sk_sandbox_a", "webhookSecret",
                "whsec_hooks_a")).id();
        settings.configureMethod(new MethodSetting("hooks", "online-sales", true, first));
        sales.saveItem(new SaleItem("hooks", "gift-10", SaleItemKind.GIFT_CARD, "Gift card 10", null, Money.of(1000, "EUR"), null,
                true, null, null));
        List<Payment> made = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            made.add(payments.create(new PaymentRequest("hooks", "online-sales", null, "sale", "gift-10", null, null, null,
                    "hook-" + i)));
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI hook = java.net.URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port")
                + "/api/webhooks/" + first);

        // One step: the method takes new payments through another connection; a payment made before stays on its own,
        // for its webhooks and refunds.
        // The first is paid on the sandbox's page; the sandbox notifies Tender itself.
        http.send(java.net.http.HttpRequest.newBuilder(made.get(0).checkoutUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("action=pay&card=4242+4242+4242+4242")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (payments.find(made.get(0).id()).orElseThrow().status() != PaymentStatus.SUCCEEDED && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String second = settings.connect("hooks", "sandbox", "Sandbox B", Map.of("secretKey", "sk_sandbox_b", "webhookSecret",
                "whsec_hooks_b")).id();
        settings.configureMethod(new MethodSetting("hooks", "online-sales", true, second));
        Payment after = payments.create(new PaymentRequest("hooks", "online-sales", null, "sale", "gift-10", null, null, null,
                "hook-after"));
        assertEquals(second, after.connectionId());
        Payment refunded = payments.refund(made.get(0).id(), Money.of(400, "EUR"), "hook-refund");
        assertEquals(first, refunded.connectionId());
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, refunded.status());

        // The other 39 are paid by webhooks that arrive while the sandbox bundle is updated four times.
        Bundle sandbox = sandbox();
        SandboxAbsences absences = new SandboxAbsences(context);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (Payment payment : made.subList(1, made.size())) {
            answers.add(senders.submit(() -> {
                Thread.sleep((long) (Math.random() * 2500));
                return paid(http, hook, payment);
            }));
        }
        for (int i = 0; i < 4; i++) {
            updateAndRefresh(sandbox);
            Thread.sleep(300);
        }
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        senders.shutdown();
        absences.close();
        System.out.printf("ProviderHotSwapIT: during 4 updates the sandbox was away %s ms (calls wait up to 5 s)%n",
                absences.gapsMillis());
        // A stopping sandbox once waited 5 s for its own webhook, which Tender held for the sandbox's successor.
        assertTrue("every update shorter than calls wait: " + absences.gapsMillis(),
                absences.gapsMillis().stream().allMatch(gap -> gap < 5000));
        for (Integer status : statuses) {
            assertEquals("every webhook taken; the sandbox was away " + absences.gapsMillis() + " ms", Integer.valueOf(200), status);
        }
        for (Payment payment : made.subList(1, made.size())) {
            assertEquals(PaymentStatus.SUCCEEDED, payments.find(payment.id()).orElseThrow().status());
            assertEquals("applied once", 1, payments.history(payment.id()).stream().filter(e -> e.type().equals("webhook")).count());
        }
    }

    /**
     * A webhook that arrives while its provider is away for longer than calls wait (5 s in these
     * tests) is kept and applied once the provider is back, without the sender sending it again;
     * the sender is still told 503, so that a partner that retries delivers a fresh copy too.
     */
    @Test
    public void aWebhookForAProviderAwayLongerThanTheWaitIsKeptAndAppliedWhenItIsBack() throws Exception {
        settings.createLocation("park", "Park Row");
        String connection = settings.connect("park", "sandbox", "Sandbox", Map.of("secretKey", "sk_sandbox_park", "webhookSecret",
                "whsec_hooks_a")).id();
        settings.configureMethod(new MethodSetting("park", "online-sales", true, connection));
        sales.saveItem(new SaleItem("park", "gift-10", SaleItemKind.GIFT_CARD, "Gift card 10", null, Money.of(1000, "EUR"), null,
                true, null, null));
        Payment payment = payments.create(new PaymentRequest("park", "online-sales", null, "sale", "gift-10", null, null, null,
                "park-1"));
        Bundle sandbox = sandbox();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI hook = java.net.URI.create("http://localhost:" + context.getProperty("org.osgi.service.http.port")
                + "/api/webhooks/" + connection);
        sandbox.stop();
        try {
            long start = System.nanoTime();
            assertEquals("kept, and the sender told to send it again later", 503, paid(http, hook, payment));
            assertTrue("it waited for the provider first", System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(4));
            assertEquals(PaymentStatus.PENDING, payments.find(payment.id()).orElseThrow().status());
        } finally {
            sandbox.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (payments.find(payment.id()).orElseThrow().status() != PaymentStatus.SUCCEEDED && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("applied once the sandbox was back", PaymentStatus.SUCCEEDED, payments.find(payment.id()).orElseThrow().status());
        assertEquals(1, payments.history(payment.id()).stream().filter(e -> e.type().equals("webhook")).count());
    }

    /** Sends the sandbox's signed "paid" webhook for the payment. @return the HTTP status */
    private static int paid(java.net.http.HttpClient http, java.net.URI hook, Payment payment) throws Exception {
        String body = "id=evt_" + payment.id() + "&type=checkout.paid&checkout=" + payment.providerReference() + "&amount=1000";
        long t = System.currentTimeMillis() / 1000;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("whsec_hooks_a".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(hook)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sandbox-Signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            System.out.println("ProviderHotSwapIT: webhook for " + payment.id() + " answered " + answer.statusCode() + " " + answer.body());
        }
        return answer.statusCode();
    }

    /** How long each update left no sandbox provider registered: what a webhook sent then waits. */
    private static final class SandboxAbsences implements org.osgi.framework.ServiceListener, AutoCloseable {
        private final BundleContext context;
        private final List<Long> gaps = new ArrayList<>();
        private long goneAt = -1;

        SandboxAbsences(BundleContext context) throws org.osgi.framework.InvalidSyntaxException {
            this.context = context;
            context.addServiceListener(this, "(&(objectClass=" + io.tender.api.provider.PaymentProvider.class.getName()
                    + ")(tender.provider.id=sandbox))");
        }

        @Override
        public synchronized void serviceChanged(org.osgi.framework.ServiceEvent event) {
            if (event.getType() == org.osgi.framework.ServiceEvent.UNREGISTERING) {
                goneAt = System.nanoTime();
            } else if (event.getType() == org.osgi.framework.ServiceEvent.REGISTERED && goneAt >= 0) {
                gaps.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - goneAt));
                goneAt = -1;
            }
        }

        synchronized List<Long> gapsMillis() {
            return List.copyOf(gaps);
        }

        @Override
        public void close() {
            context.removeServiceListener(this);
        }
    }

    private Bundle sandbox() {
        return Arrays.stream(context.getBundles()).filter(b -> SANDBOX_BSN.equals(b.getSymbolicName())).findFirst().orElseThrow();
    }

    /** What FileInstall does when the jar is replaced: update the bundle, then refresh it. */
    private void updateAndRefresh(Bundle sandbox) throws Exception {
        sandbox.update();
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(sandbox), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refreshed", refreshed.await(30, TimeUnit.SECONDS));
    }

    private ClassLoader providerLoader() throws Exception {
        var references = context.getServiceReferences(io.tender.api.provider.PaymentProvider.class, "(tender.provider.id=sandbox)");
        var reference = references.iterator().next();
        try {
            return context.getService(reference).getClass().getClassLoader();
        } finally {
            context.ungetService(reference);
        }
    }

    private void awaitProvider() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (context.getServiceReferences(io.tender.api.provider.PaymentProvider.class, "(tender.provider.id=sandbox)").isEmpty()) {
            assertTrue("the sandbox came back", System.nanoTime() < deadline);
            Thread.sleep(20);
        }
    }

    private static void settleGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }
}
