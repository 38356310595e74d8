package io.tender.core.internal.catalog;

import io.tender.api.catalog.ClientHistory;
import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import io.tender.core.internal.Fields;
import io.tender.core.internal.settings.SettingsRepository;
import io.tender.core.internal.store.TenderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Each location's services, employees and bookings, kept in the store. */
@Component(service = CatalogService.class)
public final class LocationCatalog implements CatalogService {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2199-12-31T23:59:59Z");

    private final TenderStore store;
    private final Clock clock;
    private final CatalogRepository catalog = new CatalogRepository();
    private final SettingsRepository settings = new SettingsRepository();

    @Activate
    public LocationCatalog(@Reference TenderStore store) {
        this(store, Clock.systemUTC());
    }

    LocationCatalog(TenderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private void requireLocation(Connection db, String locationId) throws SQLException {
        if (locationId == null || settings.location(db, locationId).isEmpty()) {
            throw TenderException.notFound("locationId", "no location '" + locationId + "'");
        }
    }

    // ---- services --------------------------------------------------------------------------

    @Override
    public Service saveService(Service service) {
        Fields.id("id", service.id());
        Fields.required("name", service.name(), 200);
        Fields.optional("category", service.category(), 200);
        Money min = service.minPrice();
        Money max = service.maxPrice() == null ? min : service.maxPrice();
        if (min == null) {
            throw TenderException.invalid("price", "is required");
        }
        if (min.minorUnits() < 0) {
            throw TenderException.invalid("price", "must not be negative");
        }
        if (!max.currency().equals(min.currency())) {
            throw TenderException.invalid("maxPrice", "must be in the same currency as the price");
        }
        if (max.compareTo(min) < 0) {
            throw TenderException.invalid("maxPrice", "must not be below the lowest price");
        }
        Service stored = new Service(service.locationId(), service.id(), service.name().strip(), service.category(), min, max);
        return store.upsert(db -> {
            requireLocation(db, service.locationId());
            catalog.saveService(db, stored, clock.instant());
            return stored;
        });
    }

    @Override
    public List<Service> services(String locationId) {
        return store.inTransaction(db -> {
            requireLocation(db, locationId);
            return catalog.services(db, locationId);
        });
    }

    @Override
    public Optional<Service> service(String locationId, String serviceId) {
        return store.inTransaction(db -> catalog.service(db, locationId, serviceId));
    }

    // ---- employees -------------------------------------------------------------------------

    @Override
    public Employee saveEmployee(Employee employee) {
        Fields.id("id", employee.id());
        Employee stored = new Employee(employee.locationId(), employee.id(), Fields.required("name", employee.name(), 200).strip());
        return store.upsert(db -> {
            requireLocation(db, employee.locationId());
            catalog.saveEmployee(db, stored, clock.instant());
            return stored;
        });
    }

    @Override
    public List<Employee> employees(String locationId) {
        return store.inTransaction(db -> {
            requireLocation(db, locationId);
            return catalog.employees(db, locationId);
        });
    }

    @Override
    public Optional<Employee> employee(String locationId, String employeeId) {
        return store.inTransaction(db -> catalog.employee(db, locationId, employeeId));
    }

    // ---- bookings --------------------------------------------------------------------------

    @Override
    public Booking saveBooking(Booking booking) {
        Fields.id("id", booking.id());
        Fields.id("serviceId", booking.serviceId());
        if (booking.employeeId() != null) {
            Fields.id("employeeId", booking.employeeId());
        }
        Fields.required("clientName", booking.clientName(), 200);
        Fields.email("clientEmail", booking.clientEmail());
        Fields.optional("clientPhone", booking.clientPhone(), 40);
        if (booking.startsAt() == null) {
            throw TenderException.invalid("startsAt", "is required");
        }
        if (booking.startsAt().isBefore(EARLIEST) || booking.startsAt().isAfter(LATEST)) {
            throw TenderException.invalid("startsAt", "must be between the years 2000 and 2199");
        }
        return store.upsert(db -> {
            requireLocation(db, booking.locationId());
            if (catalog.service(db, booking.locationId(), booking.serviceId()).isEmpty()) {
                throw TenderException.notFound("serviceId", "no service '" + booking.serviceId() + "' at this location");
            }
            if (booking.employeeId() != null && catalog.employee(db, booking.locationId(), booking.employeeId()).isEmpty()) {
                throw TenderException.notFound("employeeId", "no employee '" + booking.employeeId() + "' at this location");
            }
            catalog.saveBooking(db, booking, clock.instant());
            return catalog.booking(db, booking.locationId(), booking.id()).orElseThrow();
        });
    }

    @Override
    public List<Booking> bookings(String locationId) {
        return store.inTransaction(db -> {
            requireLocation(db, locationId);
            return catalog.bookings(db, locationId);
        });
    }

    @Override
    public Optional<Booking> booking(String locationId, String bookingId) {
        return store.inTransaction(db -> catalog.booking(db, locationId, bookingId));
    }

    @Override
    public List<Booking> expiredHolds(Instant now, int limit) {
        return store.inTransaction(db -> catalog.expiredHolds(db, now, limit));
    }

    @Override
    public Optional<Booking> confirm(String locationId, String bookingId, String paymentId, Money amount) {
        return store.inTransaction(db -> {
            if (catalog.booking(db, locationId, bookingId).isEmpty()) {
                throw TenderException.notFound("bookingId", "no booking '" + bookingId + "' at this location");
            }
            if (catalog.confirm(db, locationId, bookingId, paymentId, clock.instant()) == 0) {
                return Optional.<Booking>empty();
            }
            // In the same transaction: a confirmed booking always shows the prepayment that confirmed it.
            catalog.recordEntry(db, locationId, bookingId, paymentId, amount, clock.instant());
            return catalog.booking(db, locationId, bookingId);
        });
    }

    @Override
    public Optional<Booking> moveBooking(String locationId, String bookingId, BookingStatus expected, BookingStatus next,
            Instant holdUntil) {
        return store.inTransaction(db -> {
            if (catalog.booking(db, locationId, bookingId).isEmpty()) {
                throw TenderException.notFound("bookingId", "no booking '" + bookingId + "' at this location");
            }
            Instant hold = next == BookingStatus.HELD ? holdUntil : null;
            if (catalog.moveBooking(db, locationId, bookingId, expected, next, hold, clock.instant()) == 0) {
                return Optional.empty();
            }
            return catalog.booking(db, locationId, bookingId);
        });
    }

    @Override
    public List<String> payments(String locationId, String bookingId) {
        return store.inTransaction(db -> {
            catalog.booking(db, locationId, bookingId).orElseThrow(() ->
                    TenderException.notFound("bookingId", "no booking '" + bookingId + "' at this location"));
            return catalog.paymentIds(db, locationId, bookingId);
        });
    }

    private Money paid(Connection db, Booking booking) throws SQLException {
        Optional<Money> paid = catalog.paid(db, booking.locationId(), booking.id());
        return paid.isPresent() ? paid.get() : Money.zero(catalog.service(db, booking.locationId(), booking.serviceId())
                .orElseThrow().minPrice().currency());
    }

    @Override
    public Map<String, Money> paidByBooking(String locationId) {
        return store.inTransaction(db -> {
            requireLocation(db, locationId);
            return catalog.paidByBooking(db, locationId);
        });
    }

    @Override
    public Money paid(String locationId, String bookingId) {
        return store.inTransaction(db -> paid(db, catalog.booking(db, locationId, bookingId).orElseThrow(() ->
                TenderException.notFound("bookingId", "no booking '" + bookingId + "' at this location"))));
    }

    @Override
    public ClientHistory history(String locationId, String clientEmail, String clientPhone, Instant before) {
        if (clientEmail == null && clientPhone == null) {
            return new ClientHistory(0, 0);
        }
        // Only visits that are due already: a booking still to come was neither kept nor missed.
        Instant now = clock.instant();
        Instant until = before.isBefore(now) ? before : now;
        return store.inTransaction(db -> catalog.history(db, locationId, clientEmail, clientPhone, until));
    }
}
