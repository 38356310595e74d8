package io.tender.core.internal.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.TenderException.Reason;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.Service;
import io.tender.api.link.LinkItem;
import io.tender.api.link.LinkMessages;
import io.tender.api.link.LinkSettings;
import io.tender.api.link.LinkStatus;
import io.tender.api.link.NewPaymentLink;
import io.tender.api.link.PaymentLink;
import io.tender.core.internal.payments.CoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkStoreTest {

    private CoreFixture core;

    @BeforeEach
    void setUp() throws Exception {
        core = new CoreFixture();
        core.settings.createLocation("downtown", "Downtown");
        core.catalog.saveService(new Service("downtown", "colour", "Colour", null, Money.of(6000, "EUR"), Money.of(9000, "EUR")));
        core.catalog.saveBooking(new Booking("downtown", "bk-1", "colour", null, "Eve", null, null,
                Instant.parse("2026-12-01T09:00:00Z"), null, null));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private static final List<LinkItem> SHAMPOO = List.of(new LinkItem("Shampoo", 2, Money.of(1250, "EUR")));

    @Test
    void aLinkForGoodsAsksForTheirTotalOrADeposit() {
        PaymentLink full = core.links.create(new NewPaymentLink("downtown", "goods", "sale-1", SHAMPOO, null, null));
        assertThat(full.amount()).isEqualTo(Money.of(2500, "EUR"));
        assertThat(full.status()).isEqualTo(LinkStatus.OPEN);
        assertThat(full.token()).matches("lnk_[a-z2-7]{24}");
        assertThat(full.url()).hasToString("https://pay.example/tender/pay/link/" + full.token());
        assertThat(Duration.between(full.createdAt(), full.expiresAt())).isEqualTo(Duration.ofHours(72));
        PaymentLink deposit = core.links.create(new NewPaymentLink("downtown", "goods", "sale-1", SHAMPOO, Money.of(1000, "EUR"),
                Duration.ofHours(2)));
        assertThat(deposit.amount()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(core.links.find(deposit.token())).contains(deposit);
        assertThat(core.links.links("downtown")).hasSize(2);
    }

    @Test
    void messagesFollowTheLocationsTemplatesAndClockAndNewLinksItsExpiry() {
        core.settings.updateLocation(new io.tender.api.Location("downtown", "Downtown", java.time.ZoneId.of("Europe/Berlin")));
        PaymentLink deposit = core.links.create(new NewPaymentLink("downtown", "goods", "sale-1", SHAMPOO,
                Money.of(1000, "EUR"), null));
        LinkMessages defaults = core.links.messages(deposit.token());
        assertThat(defaults.sms()).isEqualTo("Downtown: please pay 10.00 EUR (deposit) for 2 x Shampoo: " + deposit.url());
        assertThat(defaults.copy()).isEqualTo(deposit.url().toString());
        assertThat(defaults.emailBody()).contains("(Europe/Berlin)");

        core.links.configure("downtown", new LinkSettings(24, "Pay {amount} at {link} by {expires}", "{business} asks",
                "Dear client, {items}: {link}", "{link}"));
        PaymentLink tricky = core.links.create(new NewPaymentLink("downtown", "goods", "sale-2",
                List.of(new LinkItem("Gift {link}", 1, Money.of(500, "EUR"))), null, null));
        assertThat(Duration.between(tricky.createdAt(), tricky.expiresAt())).as("the location's default").isEqualTo(Duration.ofHours(24));
        LinkMessages custom = core.links.messages(tricky.token());
        assertThat(custom.sms()).startsWith("Pay 5.00 EUR at " + tricky.url() + " by ").endsWith("(Europe/Berlin)");
        assertThat(custom.emailSubject()).isEqualTo("Downtown asks");
        assertThat(custom.emailBody()).as("a value that looks like a placeholder stays as it is")
                .isEqualTo("Dear client, Gift {link}: " + tricky.url());

        LinkSettings good = core.links.settings("downtown");
        assertRefused(() -> core.links.configure("downtown", new LinkSettings(24, "Pay {amount}", "s", "{link}", "{link}")),
                Reason.INVALID, "sms");
        assertRefused(() -> core.links.configure("downtown", new LinkSettings(24, "{link} {price}", "s", "{link}", "{link}")),
                Reason.INVALID, "sms");
        assertRefused(() -> core.links.configure("downtown", new LinkSettings(0, "{link}", "s", "{link}", "{link}")),
                Reason.INVALID, "expiryHours");
        assertRefused(() -> core.links.configure("nowhere", good), Reason.NOT_FOUND, "locationId");
        assertThat(core.links.settings("downtown")).isEqualTo(good);
    }

    @Test
    void aLinkRetriedWithItsKeyIsCreatedOnce() {
        PaymentLink first = core.links.create(new NewPaymentLink("downtown", "goods", "sale-3", SHAMPOO, null, null), "k-1");
        assertThat(core.links.create(new NewPaymentLink("downtown", "goods", "sale-3", SHAMPOO, null, null), "k-1"))
                .isEqualTo(first);
        assertRefused(() -> core.links.create(new NewPaymentLink("downtown", "goods", "sale-3", SHAMPOO, Money.of(100, "EUR"),
                null), "k-1"), Reason.KEY_REUSED, "idempotencyKey");
        assertThat(core.links.create(new NewPaymentLink("downtown", "goods", "sale-3", SHAMPOO, null, null), "k-2").token())
                .isNotEqualTo(first.token());
        assertThat(core.links.links("downtown")).hasSize(2);
    }

    @Test
    void aVisitsLinkWithoutItemsAsksForTheBookedServicesLowestPrice() {
        PaymentLink visit = core.links.create(new NewPaymentLink("downtown", "visit", "bk-1", List.of(), null, null));
        assertThat(visit.items()).containsExactly(new LinkItem("Colour", 1, Money.of(6000, "EUR")));
        assertThat(visit.amount()).isEqualTo(Money.of(6000, "EUR"));
    }

    @Test
    void badLinksAreRefusedWithTheField() {
        assertRefused(() -> core.links.create(new NewPaymentLink("downtown", "goods", "s", SHAMPOO, Money.of(2501, "EUR"), null)),
                Reason.INVALID, "amount");
        assertRefused(() -> core.links.create(new NewPaymentLink("downtown", "goods", "s", SHAMPOO, Money.of(100, "USD"), null)),
                Reason.INVALID, "amount");
        assertRefused(() -> core.links.create(new NewPaymentLink("downtown", "goods", "s", List.of(), null, null)),
                Reason.INVALID, "items");
        assertRefused(() -> core.links.create(new NewPaymentLink("downtown", "goods", "s",
                List.of(new LinkItem("Oil", 0, Money.of(100, "EUR"))), null, null)), Reason.INVALID, "items[0].quantity");
        assertRefused(() -> core.links.create(new NewPaymentLink("downtown", "visit", "bk-404", List.of(), null, null)),
                Reason.NOT_FOUND, "reference");
        assertRefused(() -> core.links.create(new NewPaymentLink("downtown", "gift", "s", SHAMPOO, null, null)),
                Reason.INVALID, "purpose");
        assertRefused(() -> core.links.create(new NewPaymentLink("nowhere", "goods", "s", SHAMPOO, null, null)),
                Reason.NOT_FOUND, "locationId");
        assertThat(core.links.links("downtown")).isEmpty();
    }

    @Test
    void aLinkIsPaidOnceAndAPaidOrCancelledLinkStaysSo() {
        PaymentLink link = core.links.create(new NewPaymentLink("downtown", "goods", "sale-2", SHAMPOO, null, null));
        assertThat(core.links.markPaid(link.token(), "pay_first")).hasValueSatisfying(l -> {
            assertThat(l.status()).isEqualTo(LinkStatus.PAID);
            assertThat(l.paymentId()).isEqualTo("pay_first");
        });
        assertThat(core.links.markPaid(link.token(), "pay_second")).isEmpty();
        assertRefused(() -> core.links.cancel(link.token()), Reason.CONFLICT, "token");

        PaymentLink other = core.links.create(new NewPaymentLink("downtown", "goods", "sale-3", SHAMPOO, null, null));
        assertThat(core.links.cancel(other.token()).status()).isEqualTo(LinkStatus.CANCELLED);
        assertThat(core.links.markPaid(other.token(), "pay_late")).isEmpty();
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
