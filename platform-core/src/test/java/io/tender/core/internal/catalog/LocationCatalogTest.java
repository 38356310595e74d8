package io.tender.core.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentStatus;
import io.tender.core.internal.ledger.CheckoutTerms;
import io.tender.core.internal.ledger.PaymentLedger;
import io.tender.api.TenderException;
import io.tender.api.TenderException.Reason;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import io.tender.core.internal.payments.CoreFixture;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocationCatalogTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    private CoreFixture core;

    @BeforeEach
    void setUp() throws Exception {
        core = new CoreFixture();
        core.settings.createLocation("downtown", "Downtown");
        core.settings.createLocation("uptown", "Uptown");
        core.catalog.saveService(new Service("downtown", "cut", "Haircut", "Hair", Money.of(4000, "EUR"), null));
        core.catalog.saveEmployee(new Employee("downtown", "anna", "Anna"));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void savingTheSameDataTwiceChangesNothingAndAFixedPriceIsARangeOfOne() {
        Service colour = new Service("downtown", "colour", "Colour", null, Money.of(6000, "EUR"), Money.of(9000, "EUR"));
        core.catalog.saveService(colour);
        core.catalog.saveService(colour);
        assertThat(core.catalog.services("downtown")).extracting(Service::id).containsExactly("colour", "cut");
        assertThat(core.catalog.service("downtown", "colour").orElseThrow().hasPriceRange()).isTrue();
        Service cut = core.catalog.service("downtown", "cut").orElseThrow();
        assertThat(cut.maxPrice()).isEqualTo(Money.of(4000, "EUR"));
        assertThat(cut.hasPriceRange()).isFalse();
        assertThat(core.catalog.service("uptown", "cut")).isEmpty();
    }

    @Test
    void badCatalogueDataIsRefusedWithTheField() {
        assertRefused(() -> core.catalog.saveService(new Service("downtown", "x", "X", null, Money.of(-1, "EUR"), null)),
                Reason.INVALID, "price");
        assertRefused(() -> core.catalog.saveService(new Service("downtown", "x", "X", null, Money.of(500, "EUR"),
                Money.of(400, "EUR"))), Reason.INVALID, "maxPrice");
        assertRefused(() -> core.catalog.saveService(new Service("downtown", "x", "X", null, Money.of(500, "EUR"),
                Money.of(900, "USD"))), Reason.INVALID, "maxPrice");
        assertRefused(() -> core.catalog.saveService(new Service("downtown", "x y", "X", null, Money.of(5, "EUR"), null)),
                Reason.INVALID, "id");
        assertRefused(() -> core.catalog.saveService(new Service("nowhere", "x", "X", null, Money.of(5, "EUR"), null)),
                Reason.NOT_FOUND, "locationId");
        assertRefused(() -> core.catalog.saveEmployee(new Employee("downtown", "bob", " ")), Reason.INVALID, "name");
        assertThat(core.catalog.services("downtown")).hasSize(1);
    }

    @Test
    void bookingsNeedAServiceAndEmployeeOfTheirOwnLocation() {
        core.catalog.saveService(new Service("uptown", "nails", "Nails", null, Money.of(2500, "EUR"), null));
        assertRefused(() -> core.catalog.saveBooking(booking("b1", "nails", null)), Reason.NOT_FOUND, "serviceId");
        assertRefused(() -> core.catalog.saveBooking(booking("b1", "cut", "bob")), Reason.NOT_FOUND, "employeeId");
        assertRefused(() -> core.catalog.saveBooking(new Booking("downtown", "b1", "cut", null, "Eve", "not-mail", null, NINE,
                null, null)), Reason.INVALID, "clientEmail");
        assertRefused(() -> core.catalog.saveBooking(new Booking("downtown", "b1", "cut", null, "Eve", null, null,
                Instant.parse("+100000-01-01T00:00:00Z"), null, null)), Reason.INVALID, "startsAt");
        Booking saved = core.catalog.saveBooking(booking("b1", "cut", "anna"));
        assertThat(saved.status()).isEqualTo(BookingStatus.BOOKED);
        assertThat(saved.holdUntil()).isNull();
    }

    @Test
    void bookingStatusMovesAtomicallyAndSurvivesAReplacement() {
        core.catalog.saveBooking(booking("b2", "cut", null));
        Instant hold = NINE.minusSeconds(3600);
        assertThat(core.catalog.moveBooking("downtown", "b2", BookingStatus.BOOKED, BookingStatus.HELD, hold))
                .hasValueSatisfying(b -> assertThat(b.holdUntil()).isEqualTo(hold));
        assertThat(core.catalog.moveBooking("downtown", "b2", BookingStatus.BOOKED, BookingStatus.CANCELLED, null)).isEmpty();

        Booking replaced = core.catalog.saveBooking(new Booking("downtown", "b2", "cut", "anna", "Eve Adams", null, null,
                NINE.plusSeconds(1800), BookingStatus.CONFIRMED, null));
        assertThat(replaced.status()).isEqualTo(BookingStatus.HELD);
        assertThat(replaced.employeeId()).isEqualTo("anna");
        assertThat(core.catalog.moveBooking("downtown", "b2", BookingStatus.HELD, BookingStatus.CONFIRMED, hold))
                .hasValueSatisfying(b -> {
                    assertThat(b.status()).isEqualTo(BookingStatus.CONFIRMED);
                    assertThat(b.holdUntil()).isNull();
                });
        assertRefused(() -> core.catalog.moveBooking("downtown", "nope", BookingStatus.HELD, BookingStatus.CONFIRMED, null),
                Reason.NOT_FOUND, "bookingId");
    }

    @Test
    void aBookingsAccountCountsEachPaymentOnceLessWhatWasRefunded() {
        core.catalog.saveBooking(booking("b3", "cut", null));
        assertThat(core.catalog.paid("downtown", "b3")).isEqualTo(Money.of(0, "EUR"));
        ledgerPayment("pay_1", 1200, 0, PaymentStatus.SUCCEEDED);
        ledgerPayment("pay_2", 2800, 1400, PaymentStatus.PARTIALLY_REFUNDED);
        ledgerPayment("pay_3", 500, 0, PaymentStatus.DECLINED);
        assertThat(core.catalog.confirm("downtown", "b3", "pay_1", Money.of(1200, "EUR"))).isPresent();
        assertThat(core.catalog.confirm("downtown", "b3", "pay_1", Money.of(1200, "EUR"))).as("confirmed once").isEmpty();
        record("pay_3", 500);
        record("pay_2", 2800);
        record("pay_2", 2800);
        assertThat(core.catalog.payments("downtown", "b3")).containsExactlyInAnyOrder("pay_1", "pay_2", "pay_3");
        assertThat(core.catalog.paid("downtown", "b3"))
                .as("1200 + 2800 - 1400 refunded; the declined payment counts nothing").isEqualTo(Money.of(2600, "EUR"));
        assertRefused(() -> core.catalog.payments("downtown", "nope"), Reason.NOT_FOUND, "bookingId");
        core.catalog.saveBooking(booking("b4", "cut", null));
        assertThat(core.catalog.paidByBooking("downtown")).as("one query for a list; b4 paid nothing")
                .isEqualTo(java.util.Map.of("b3", Money.of(2600, "EUR")));
    }

    /** What a payment link for the visit does when it is paid, in its own transaction. */
    private void record(String paymentId, long amount) {
        core.store.inTransaction(db -> {
            CatalogQueries.recordPayment(db, "downtown", "b3", paymentId, Money.of(amount, "EUR"), java.time.Instant.now());
            return null;
        });
    }

    /** A payment as the ledger holds it, without a provider behind it. */
    private void ledgerPayment(String id, long amount, long refunded, PaymentStatus status) {
        java.time.Instant now = java.time.Instant.now();
        Payment payment = new Payment(id, "downtown", "booking-prepayment", "con_x", "acme", Money.of(amount, "EUR"),
                Money.of(refunded, "EUR"), "booking", "b3", "Prepayment", null, status, null, null, null, null, now, now);
        core.store.inTransaction(db -> {
            // The ledger's connection reference: a connection row must exist.
            if (io.tender.core.internal.store.Sql.first(db, "SELECT id FROM provider_connection WHERE id = 'con_x'",
                    rows -> rows.getString(1)).isEmpty()) {
                io.tender.core.internal.store.Sql.execute(db, "INSERT INTO provider_connection (id, location_id, provider_id,"
                        + " name, settings_sealed, created_at) VALUES ('con_x', 'downtown', 'acme', 'x', 'x', ?)",
                        st -> st.setTimestamp(1, java.sql.Timestamp.from(now)));
            }
            new PaymentLedger(java.time.Duration.ofMinutes(5)).insert(db, payment, new CheckoutTerms(null, null, null), null, "fp");
            return null;
        });
    }

    @Test
    void aClientsHistoryCountsVisitsThatWereDueKeptOrMissed() {
        Instant lastMonth = Instant.now().minus(java.time.Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant lastWeek = Instant.now().minus(java.time.Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        core.catalog.saveBooking(pastBooking("kept", "eve@example.com", null, lastMonth));
        core.catalog.saveBooking(pastBooking("missed", null, "+49 30 1234567", lastWeek));
        core.catalog.saveBooking(pastBooking("released", "EVE@example.com", null, lastWeek));
        core.catalog.saveBooking(booking("to-come", "cut", null)); // 1 December, still to come
        core.catalog.moveBooking("downtown", "released", BookingStatus.BOOKED, BookingStatus.RELEASED, null);
        core.catalog.moveBooking("downtown", "missed", BookingStatus.BOOKED, BookingStatus.NO_SHOW, null);
        Instant nextYear = NINE.plus(java.time.Duration.ofDays(365));

        assertThat(core.catalog.history("downtown", "Eve@Example.com", "+49 30 1234567", nextYear))
                .as("kept and missed count; released and still-to-come ones do not")
                .isEqualTo(new io.tender.api.catalog.ClientHistory(2, 1));
        assertThat(core.catalog.history("downtown", "eve@example.com", null, nextYear)).isEqualTo(
                new io.tender.api.catalog.ClientHistory(1, 0));
        assertThat(core.catalog.history("downtown", "eve@example.com", null, lastMonth).isNew()).as("only earlier ones").isTrue();
        assertThat(core.catalog.history("uptown", "eve@example.com", null, nextYear).isNew()).isTrue();
        assertThat(core.catalog.history("downtown", null, null, nextYear).isNew()).isTrue();
    }

    private static Booking pastBooking(String id, String email, String phone, Instant at) {
        return new Booking("downtown", id, "cut", null, "Eve", email, phone, at, null, null);
    }

    private static Booking booking(String id, String service, String employee) {
        return new Booking("downtown", id, service, employee, "Eve", "eve@example.com", "+49 30 1234567", NINE, null, null);
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
