package io.tender.core.internal.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.TenderException.Reason;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardMovement;
import io.tender.api.sales.GiftCardTerms;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.core.internal.payments.CoreFixture;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesStoreTest {

    CoreFixture core;

    @BeforeEach
    void setUp() throws Exception {
        core = newFixture();
        core.settings.createLocation("downtown", "Downtown");
        core.settings.createLocation("uptown", "Uptown");
        core.sales.saveItem(giftCard("gift-50", Money.of(5000, "EUR"), null, new GiftCardTerms(365, null, false, null, null)));
        core.sales.saveItem(giftCard("gift-any", Money.of(1000, "EUR"), Money.of(20000, "EUR"), null));
        core.sales.saveItem(giftCard("spa-day", Money.of(9000, "EUR"), null, new GiftCardTerms(null, null, true, null, null)));
    }

    static SaleItem giftCard(String id, Money price, Money maxPrice, GiftCardTerms terms) {
        return new SaleItem("downtown", id, SaleItemKind.GIFT_CARD, "Gift card " + id, null, price, maxPrice, true, terms, null);
    }

    private GiftCard issue(String itemId, long amount, String paymentId) {
        return core.sales.issueGiftCard("downtown", itemId, Money.of(amount, "EUR"), paymentId, "buyer@example.com");
    }

    /** The platform these tests run on: H2 here, PostgreSQL in {@code PostgresSalesStoreTest}. */
    CoreFixture newFixture() throws Exception {
        return new CoreFixture();
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void aPaymentIssuesOneCardAndEveryMovementIsRecorded() {
        GiftCard card = issue("gift-50", 5000, "pay_1");
        assertThat(issue("gift-50", 5000, "pay_1")).isEqualTo(card);
        assertThat(card.code()).matches("[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}");
        assertThat(card.validUntil()).isEqualTo(card.issuedAt().plus(java.time.Duration.ofDays(365)));

        core.sales.redeem(card.code(), "downtown", null, Money.of(1200, "EUR"), "visit-1");
        core.sales.redeem(card.code(), "downtown", null, Money.of(1200, "EUR"), "visit-1");
        assertRefused(() -> core.sales.redeem(card.code(), "downtown", null, Money.of(1300, "EUR"), "visit-1"),
                Reason.KEY_REUSED, "idempotencyKey");
        GiftCard after = core.sales.redeem(card.code(), "downtown", null, Money.of(800, "EUR"), null);
        assertThat(after.balance()).isEqualTo(Money.of(3000, "EUR"));
        assertThat(core.sales.movements(card.code())).extracting(GiftCardMovement::type, m -> m.balance().minorUnits())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("issued", 5000L),
                        org.assertj.core.groups.Tuple.tuple("redeemed", 3800L),
                        org.assertj.core.groups.Tuple.tuple("redeemed", 3000L));
    }

    @Test
    void concurrentRedemptionsNeverTakeTheBalanceBelowZero() throws Exception {
        GiftCard card = issue("gift-50", 5000, "pay_2");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 20).mapToObj(i -> (Callable<Boolean>) () -> {
                try {
                    core.sales.redeem(card.code(), "downtown", null, Money.of(300, "EUR"), "r-" + i);
                    return true;
                } catch (TenderException e) {
                    return false;
                }
            }).toList();
            long succeeded = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                succeeded += result.get() ? 1 : 0;
            }
            assertThat(succeeded).isEqualTo(16);
            assertThat(core.sales.giftCard(card.code()).orElseThrow().balance()).isEqualTo(Money.of(200, "EUR"));
            assertThat(core.sales.movements(card.code())).hasSize(17);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void redemptionsThatCannotBeHonouredChangeNothing() {
        GiftCard card = issue("gift-50", 5000, "pay_3");
        assertRefused(() -> core.sales.redeem(card.code(), "downtown", null, Money.of(5001, "EUR"), null), Reason.INVALID, "amount");
        assertRefused(() -> core.sales.redeem(card.code(), "uptown", null, Money.of(100, "EUR"), null), Reason.INVALID, "locationId");
        assertRefused(() -> core.sales.redeem(card.code(), "downtown", null, Money.of(100, "USD"), null), Reason.INVALID, "currency");
        assertRefused(() -> core.sales.redeem("NOPE-NOPE-NOPE-NOPE", "downtown", null, Money.of(100, "EUR"), null),
                Reason.NOT_FOUND, "code");
        assertRefused(() -> core.sales.redeem(card.code(), "downtown", null, Money.of(0, "EUR"), null), Reason.INVALID, "amount");
        assertThat(core.sales.giftCard(card.code()).orElseThrow().balance()).isEqualTo(Money.of(5000, "EUR"));
        assertThat(core.sales.movements(card.code())).hasSize(1);
    }

    @Test
    void aSingleUseCardIsUsedUpByItsOneRedemption() {
        GiftCard card = issue("spa-day", 9000, "pay_4");
        assertThat(core.sales.redeem(card.code(), "downtown", null, Money.of(7000, "EUR"), null).balance().minorUnits()).isZero();
        assertRefused(() -> core.sales.redeem(card.code(), "downtown", null, Money.of(100, "EUR"), null), Reason.CONFLICT, "code");
    }

    @Test
    void ofTwoSavesFromOneVersionOfAnItemOneWinsAndTheOtherChangesNothing() throws Exception {
        core.sales.saveItem(giftCard("gift-v", Money.of(1000, "EUR"), null, null), 0L);
        assertThat(core.sales.itemVersion("downtown", "gift-v")).hasValue(1);
        assertRefused(() -> core.sales.saveItem(giftCard("gift-v", Money.of(1000, "EUR"), null, null), 0L), Reason.PRECONDITION_FAILED,
                "If-Match");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> saves = new java.util.ArrayList<>();
            for (long price : new long[] {2000, 3000}) {
                saves.add(pool.submit(() -> {
                    try {
                        core.sales.saveItem(giftCard("gift-v", Money.of(price, "EUR"), null, null), 1L);
                        return true;
                    } catch (TenderException e) {
                        assertThat(e.reason()).isEqualTo(Reason.PRECONDITION_FAILED);
                        return false;
                    }
                }));
            }
            assertThat(java.util.List.of(saves.get(0).get(), saves.get(1).get())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdown();
        }
        assertThat(core.sales.itemVersion("downtown", "gift-v")).hasValue(2);
        assertThat(core.sales.saveItem(giftCard("gift-v", Money.of(4000, "EUR"), null, null), null).minAmount())
                .as("without If-Match, the last save wins").isEqualTo(Money.of(4000, "EUR"));
        assertThat(core.sales.itemVersion("downtown", "nothing")).isEmpty();
    }

    @Test
    void badItemsAreRefused() {
        assertRefused(() -> core.sales.saveItem(giftCard("x", Money.of(0, "EUR"), null, null)), Reason.INVALID, "price");
        assertRefused(() -> core.sales.saveItem(giftCard("x", Money.of(500, "EUR"), Money.of(100, "EUR"), null)),
                Reason.INVALID, "maxPrice");
        assertRefused(() -> core.sales.saveItem(giftCard("x", Money.of(500, "EUR"), null,
                new GiftCardTerms(30, java.time.LocalDate.of(2030, 1, 1), false, null, null))), Reason.INVALID, "giftCard.validUntil");
        assertRefused(() -> core.sales.saveItem(giftCard("x", Money.of(500, "EUR"), null,
                new GiftCardTerms(null, null, false, List.of("nowhere"), null))), Reason.INVALID, "giftCard.locations");
        assertRefused(() -> core.sales.saveItem(giftCard("x", Money.of(500, "EUR"), null,
                new GiftCardTerms(null, null, false, null, List.of("no-such-service")))), Reason.INVALID, "giftCard.services");
        assertThat(core.sales.items("downtown")).extracting(SaleItem::id).containsExactly("gift-50", "gift-any", "spa-day");
        assertThat(core.sales.item("downtown", "gift-any").orElseThrow().customAmount()).isTrue();
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
