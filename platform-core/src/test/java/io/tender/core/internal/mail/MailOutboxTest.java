package io.tender.core.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tender.api.TenderException;
import io.tender.api.mail.MailSettings;
import io.tender.api.mail.MailSettings.Security;
import io.tender.api.mail.OutgoingMail;
import io.tender.core.internal.credentials.AesGcmCipher;
import io.tender.core.internal.payments.CoreFixture;
import jakarta.mail.internet.MimeMessage;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox against a real SMTP server (GreenMail) and the real store. */
class MailOutboxTest {

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private CoreFixture core;
    private MailOutbox outbox;

    @BeforeEach
    void setUp() throws Exception {
        smtp.start();
        smtp.setUser("salon@example.com", "mailer", "s3cret-pass");
        core = new CoreFixture();
        core.settings.createLocation("downtown", "Downtown");
        core.settings.createLocation("quiet", "Quiet");
        // A long poll: the tests send through the nudge on queueing and through sendDue().
        outbox = new MailOutbox(config(3600, 1, 3), core.store, new AesGcmCipher(new byte[32]), Clock.systemUTC(),
                MailOutboxTest.class.getClassLoader());
    }

    @AfterEach
    void tearDown() {
        outbox.stop();
        core.close();
        smtp.stop();
    }

    private MailSettings settings(String password) {
        ServerSetup setup = smtp.getSmtp().getServerSetup();
        return new MailSettings("127.0.0.1", setup.getPort(), Security.NONE, "mailer", password, "salon@example.com", "Downtown Salon");
    }

    @Test
    void aQueuedMessageIsSentOnceThroughTheLocationsServer() throws Exception {
        MailSettings stored = outbox.configure("downtown", settings("s3cret-pass"));
        assertThat(stored.password()).as("write-only").isEqualTo(MailSettings.MASK);

        OutgoingMail queued = outbox.queue("downtown", "gift-card:ABCD", "client@example.com", "Your gift card",
                "Code: ABCD-EFGH\nThank you — Grüße");
        assertThat(outbox.queue("downtown", "gift-card:ABCD", "client@example.com", "Your gift card", "again").id())
                .as("the same key queues nothing more").isEqualTo(queued.id());

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        outbox.sendDue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Your gift card");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("client@example.com");
        assertThat(received[0].getFrom()[0].toString()).contains("Downtown Salon").contains("salon@example.com");
        assertThat(GreenMailUtil.getBody(received[0])).contains("ABCD-EFGH");
        assertThat(received[0].getMessageID()).isEqualTo("<" + queued.id() + "@tender>");
        await(() -> outbox.outbox("downtown", 10).get(0).status() == OutgoingMail.Status.SENT);
        assertThat(outbox.outbox("downtown", 10)).singleElement()
                .satisfies(m -> assertThat(m.attempts()).isEqualTo(1));
    }

    @Test
    void aServerThatIsDownIsRetriedAndTheMessageGoesOutWhenItIsBack() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailSettings right = settings("s3cret-pass");
        outbox.configure("downtown", new MailSettings(right.host(), closedPort, right.security(), right.username(),
                right.password(), right.fromAddress(), right.fromName()));
        OutgoingMail queued = outbox.queue("downtown", "link:1", "client@example.com", "Pay here", "https://pay.example/l/1");
        await(() -> outbox.outbox("downtown", 10).get(0).lastError() != null);
        OutgoingMail failedOnce = outbox.outbox("downtown", 10).get(0);
        assertThat(failedOnce.status()).isEqualTo(OutgoingMail.Status.QUEUED);
        assertThat(failedOnce.lastError()).isNotBlank().doesNotContain("s3cret-pass");

        outbox.configure("downtown", right); // the server is back
        Thread.sleep(1100); // the first retry waits one second
        assertThat(outbox.sendDue()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(outbox.outbox("downtown", 10).get(0)).satisfies(m -> {
            assertThat(m.id()).isEqualTo(queued.id());
            assertThat(m.status()).isEqualTo(OutgoingMail.Status.SENT);
            assertThat(m.attempts()).isEqualTo(2);
        });
        assertThat(outbox.sendDue()).as("nothing is sent twice").isZero();
    }

    @Test
    void aRefusedLoginFailsAtOnceAndAKeptPasswordIsStillUsed() throws Exception {
        outbox.configure("downtown", settings("wrong"));
        outbox.queue("downtown", "m:1", "client@example.com", "Hello", "Hi");
        await(() -> outbox.outbox("downtown", 10).get(0).status() == OutgoingMail.Status.FAILED);
        assertThat(outbox.outbox("downtown", 10).get(0).lastError()).contains("Authentication");

        outbox.configure("downtown", settings("s3cret-pass"));
        // Settings saved again without the password keep the stored one.
        outbox.configure("downtown", settings(null));
        outbox.queue("downtown", "m:2", "client@example.com", "Hello again", "Hi");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Hello again");
    }

    @Test
    void badRequestsAreRefusedAndQueueNothing() {
        assertRefused(() -> outbox.queue("quiet", "k", "client@example.com", "S", "T"), "locationId");
        outbox.configure("downtown", settings("s3cret-pass"));
        assertRefused(() -> outbox.queue("downtown", "k", "not an address", "S", "T"), "recipient");
        assertRefused(() -> outbox.queue("downtown", "k", "client@example.com", " ", "T"), "subject");
        assertRefused(() -> outbox.configure("downtown", new MailSettings("smtp.example.com", 0, Security.TLS, null, null,
                "a@b.c", null)), "port");
        assertRefused(() -> outbox.configure("downtown", new MailSettings("smtp.example.com", 465, Security.TLS, null, null,
                "no address", null)), "fromAddress");
        assertRefused(() -> outbox.configure("nowhere", settings("x")), "locationId");
        MailSettings kept = settings(null);
        assertRefused(() -> outbox.configure("downtown", new MailSettings("localhost", kept.port(), kept.security(), kept.username(),
                null, kept.fromAddress(), kept.fromName())), "password");
        assertRefused(() -> outbox.configure("downtown", new MailSettings("smtp.example.com", 25, Security.NONE, "mailer",
                "s3cret-pass", "a@b.c", null)), "security");
        assertThat(outbox.outbox("downtown", 10)).isEmpty();
        assertThat(outbox.settings("downtown").orElseThrow().port()).isEqualTo(smtp.getSmtp().getServerSetup().getPort());
        assertThat(outbox.settings("downtown").orElseThrow().host()).as("refused settings change nothing").isEqualTo("127.0.0.1");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TenderException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(20);
        }
    }

    static MailOutbox.Config config(int pollSeconds, int retrySeconds, int maxAttempts) {
        return new MailOutbox.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MailOutbox.Config.class;
            }

            @Override
            public int pollSeconds() {
                return pollSeconds;
            }

            @Override
            public int retrySeconds() {
                return retrySeconds;
            }

            @Override
            public int maxAttempts() {
                return maxAttempts;
            }

            @Override
            public int timeoutSeconds() {
                return 5;
            }
        };
    }
}
