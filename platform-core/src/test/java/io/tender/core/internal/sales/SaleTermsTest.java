package io.tender.core.internal.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.Location;
import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.TenderException.Reason;
import io.tender.api.catalog.Service;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardTerms;
import io.tender.api.sales.Membership;
import io.tender.api.sales.MembershipTerms;
import io.tender.api.sales.MembershipTerms.ValidFrom;
import io.tender.api.sales.MembershipVisit;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.core.internal.payments.CoreFixture;
import io.tender.core.internal.payments.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gift card terms (where, for what, until when) and memberships, on the real store. */
class SaleTermsTest {

    private final SettableClock now = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private CoreFixture core;
    private SalesStore sales;

    @BeforeEach
    void setUp() throws Exception {
        core = new CoreFixture();
        core.settings.createLocation(new Location("berlin", "Berlin", ZoneId.of("Europe/Berlin")));
        core.settings.createLocation("potsdam", "Potsdam");
        core.settings.createLocation("hamburg", "Hamburg");
        core.catalog.saveService(new Service("berlin", "cut", "Haircut", null, Money.of(4000, "EUR"), Money.of(4000, "EUR")));
        core.catalog.saveService(new Service("berlin", "massage", "Massage", null, Money.of(8000, "EUR"), Money.of(8000, "EUR")));
        core.catalog.saveService(new Service("berlin", "facial", "Facial", null, Money.of(6000, "EUR"), Money.of(6000, "EUR")));
        sales = new SalesStore(core.store, now);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private SaleItem membership(String id, MembershipTerms terms) {
        return new SaleItem("berlin", id, SaleItemKind.MEMBERSHIP, "Membership " + id, null, Money.of(30000, "EUR"), null, true,
                null, terms);
    }

    private SaleItem giftCard(String id, GiftCardTerms terms) {
        return new SaleItem("berlin", id, SaleItemKind.GIFT_CARD, "Gift " + id, null, Money.of(5000, "EUR"), null, true, terms, null);
    }

    @Test
    void aGiftCardIsRedeemedWhereAndForWhatItsTermsSay() {
        sales.saveItem(giftCard("massage-card", new GiftCardTerms(null, LocalDate.of(2026, 12, 31), false,
                List.of("berlin", "potsdam"), List.of("massage"))));
        GiftCard card = sales.issueGiftCard("berlin", "massage-card", Money.of(5000, "EUR"), "pay_g1", "a@example.com");

        // Valid through 31 December in Berlin: until midnight Berlin time, which is 23:00 UTC.
        assertThat(card.validUntil()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(card.locations()).containsExactly("berlin", "potsdam");
        assertRefused(() -> sales.redeem(card.code(), "hamburg", "massage", Money.of(100, "EUR"), null), Reason.INVALID,
                "locationId");
        assertRefused(() -> sales.redeem(card.code(), "berlin", "cut", Money.of(100, "EUR"), null), Reason.INVALID, "serviceId");
        assertRefused(() -> sales.redeem(card.code(), "berlin", null, Money.of(100, "EUR"), null), Reason.INVALID, "serviceId");
        assertThat(sales.redeem(card.code(), "potsdam", "massage", Money.of(2000, "EUR"), null).balance())
                .isEqualTo(Money.of(3000, "EUR"));

        now.set(Instant.parse("2026-12-31T22:59:59Z"));
        sales.redeem(card.code(), "berlin", "massage", Money.of(1000, "EUR"), null);
        now.set(Instant.parse("2026-12-31T23:00:00Z"));
        assertRefused(() -> sales.redeem(card.code(), "berlin", "massage", Money.of(1000, "EUR"), null), Reason.CONFLICT, "code");
        assertThat(sales.giftCard(card.code()).orElseThrow().balance()).isEqualTo(Money.of(2000, "EUR"));
    }

    @Test
    void changingAnItemDoesNotChangeTheCardsAlreadySold() {
        sales.saveItem(giftCard("card", new GiftCardTerms(null, null, false, null, List.of("cut"))));
        GiftCard card = sales.issueGiftCard("berlin", "card", Money.of(5000, "EUR"), "pay_g2", null);
        sales.saveItem(giftCard("card", new GiftCardTerms(10, null, true, List.of("hamburg"), null)));
        GiftCard kept = sales.giftCard(card.code()).orElseThrow();
        assertThat(kept.services()).containsExactly("cut");
        assertThat(kept.validUntil()).isNull();
        assertThat(kept.validAt("berlin")).isTrue();
        assertThat(kept.validAt("hamburg")).isFalse();
    }

    @Test
    void pooledVisitsAreUsedUpOneByOneAndValidityRunsFromPurchase() {
        sales.saveItem(membership("ten", new MembershipTerms(3, null, List.of("cut", "massage"), 30, ValidFrom.PURCHASE, null)));
        Membership m = sales.issueMembership("berlin", "ten", "pay_m1", "member@example.com");
        assertThat(sales.issueMembership("berlin", "ten", "pay_m1", "member@example.com")).isEqualTo(m);
        assertThat(m.startsAt()).isEqualTo(now.instant());
        assertThat(m.validUntil()).isEqualTo(now.instant().plus(Duration.ofDays(30)));
        assertThat(m.allowances()).containsExactly(new Membership.Allowance(null, 3, 3));

        assertRefused(() -> sales.useVisit(m.code(), "berlin", "facial", null), Reason.INVALID, "serviceId");
        assertRefused(() -> sales.useVisit(m.code(), "potsdam", "cut", null), Reason.INVALID, "locationId");
        sales.useVisit(m.code(), "berlin", "cut", "visit-1");
        sales.useVisit(m.code(), "berlin", "cut", "visit-1"); // a retry: one visit
        assertRefused(() -> sales.useVisit(m.code(), "berlin", "massage", "visit-1"), Reason.KEY_REUSED, "idempotencyKey");
        assertThat(sales.useVisit(m.code(), "berlin", "massage", "visit-2").allowances().get(0).remaining()).isEqualTo(1);

        now.set(m.validUntil());
        assertRefused(() -> sales.useVisit(m.code(), "berlin", "cut", null), Reason.CONFLICT, "code");
        assertThat(sales.visits(m.code())).extracting(MembershipVisit::serviceId, MembershipVisit::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cut", 2), org.assertj.core.groups.Tuple.tuple("massage", 1));
    }

    @Test
    void visitsPerServiceAreCountedApartAndValidityStartsAtTheFirstVisit() {
        sales.saveItem(membership("spa", new MembershipTerms(null, Map.of("massage", 2, "facial", 1), null, 90,
                ValidFrom.FIRST_VISIT, List.of("berlin", "potsdam"))));
        Membership m = sales.issueMembership("berlin", "spa", "pay_m2", null);
        assertThat(m.startsAt()).isNull();
        assertThat(m.validUntil()).isNull();

        now.set(Instant.parse("2026-06-01T09:00:00Z"));
        Membership started = sales.useVisit(m.code(), "potsdam", "facial", null);
        assertThat(started.startsAt()).isEqualTo(now.instant());
        assertThat(started.validUntil()).isEqualTo(now.instant().plus(Duration.ofDays(90)));
        assertRefused(() -> sales.useVisit(m.code(), "berlin", "facial", null), Reason.CONFLICT, "code");
        assertRefused(() -> sales.useVisit(m.code(), "berlin", "cut", null), Reason.INVALID, "serviceId");
        now.set(Instant.parse("2026-07-01T09:00:00Z"));
        Membership later = sales.useVisit(m.code(), "berlin", "massage", null);
        assertThat(later.startsAt()).as("the validity started once").isEqualTo(started.startsAt());
        assertThat(later.allowances()).containsExactlyInAnyOrder(new Membership.Allowance("facial", 1, 0),
                new Membership.Allowance("massage", 2, 1));
    }

    @Test
    void concurrentVisitsNeverUseMoreThanTheMembershipHolds() throws Exception {
        sales.saveItem(membership("five", new MembershipTerms(5, null, null, 30, ValidFrom.FIRST_VISIT, null)));
        Membership m = sales.issueMembership("berlin", "five", "pay_m3", null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 12).mapToObj(i -> (Callable<Boolean>) () -> {
                try {
                    sales.useVisit(m.code(), "berlin", "cut", "v-" + i);
                    return true;
                } catch (TenderException e) {
                    return false;
                }
            }).toList();
            long used = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                used += result.get() ? 1 : 0;
            }
            assertThat(used).isEqualTo(5);
            assertThat(sales.membership(m.code()).orElseThrow().allowances().get(0).remaining()).isZero();
            assertThat(sales.visits(m.code())).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badMembershipsAreRefused() {
        assertRefused(() -> sales.saveItem(membership("x", null)), Reason.INVALID, "membership");
        assertRefused(() -> sales.saveItem(membership("x", new MembershipTerms(null, null, null, 30, null, null))),
                Reason.INVALID, "membership.visits");
        assertRefused(() -> sales.saveItem(membership("x", new MembershipTerms(5, Map.of("cut", 1), null, 30, null, null))),
                Reason.INVALID, "membership.visits");
        assertRefused(() -> sales.saveItem(membership("x", new MembershipTerms(5, null, null, 0, null, null))),
                Reason.INVALID, "membership.validityDays");
        assertRefused(() -> sales.saveItem(membership("x", new MembershipTerms(null, Map.of("yoga", 3), null, 30, null, null))),
                Reason.INVALID, "membership.serviceVisits");
        assertRefused(() -> sales.saveItem(new SaleItem("berlin", "x", SaleItemKind.MEMBERSHIP, "X", null, Money.of(100, "EUR"),
                Money.of(200, "EUR"), true, null, new MembershipTerms(5, null, null, 30, null, null))), Reason.INVALID, "maxPrice");
        assertRefused(() -> sales.issueMembership("berlin", "nothing", "pay_x", null), Reason.NOT_FOUND, "itemId");
        assertThat(sales.items("berlin")).isEmpty();
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        });
    }
}
