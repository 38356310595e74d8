package io.tender.api.catalog;

import io.tender.api.Money;
import io.tender.api.TenderException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Services, employees and bookings per location. Implemented by the platform. Saving is
 * create-or-replace by the host system's id, so pushing the same data twice changes nothing.
 */
@ProviderType
public interface CatalogService {

    /**
     * @param service the service to create or replace
     * @return the stored service
     * @throws TenderException if the location is unknown or a field is invalid (named in the exception)
     */
    Service saveService(Service service);

    /** @return the location's services, ordered by id */
    List<Service> services(String locationId);

    /** @return the service, if the location has it */
    Optional<Service> service(String locationId, String serviceId);

    /**
     * @param employee the employee to create or replace
     * @return the stored employee
     * @throws TenderException if the location is unknown or a field is invalid
     */
    Employee saveEmployee(Employee employee);

    /** @return the location's employees, ordered by id */
    List<Employee> employees(String locationId);

    /** @return the employee, if the location has them */
    Optional<Employee> employee(String locationId, String employeeId);

    /**
     * Creates or replaces a booking. Its status and hold are kept when it is replaced; a new
     * booking starts {@link BookingStatus#BOOKED}.
     *
     * @param booking the booking; its status and hold are ignored
     * @return the stored booking
     * @throws TenderException if the location, service or employee is unknown or a field is invalid
     */
    Booking saveBooking(Booking booking);

    /** @return the location's bookings, ordered by start */
    List<Booking> bookings(String locationId);

    /** @return the booking, if the location has it */
    Optional<Booking> booking(String locationId, String bookingId);

    /**
     * @param now   the time to compare holds with
     * @param limit at most this many
     * @return held bookings whose hold ran out before {@code now}, of every location, oldest first
     */
    List<Booking> expiredHolds(Instant now, int limit);

    /**
     * Confirms a held or booked booking as paid by a prepayment, atomically: of two payments that
     * try, exactly one confirms it, and the payment is recorded for the booking in the same step.
     *
     * @param amount what the payment captured
     * @return the booking if this payment confirmed it now; empty if it was already confirmed (by
     *         this or another payment), released or cancelled
     * @throws TenderException if there is no such booking
     */
    Optional<Booking> confirm(String locationId, String bookingId, String paymentId, Money amount);

    /**
     * Moves a booking from one status to another, atomically: nothing changes if it is no longer
     * in the expected status.
     *
     * @param locationId the location
     * @param bookingId  the booking
     * @param expected   the status it must have now
     * @param next       the status it gets
     * @param holdUntil  the hold's end for {@link BookingStatus#HELD}, otherwise null
     * @return the booking after the move, or empty if it was not in the expected status
     * @throws TenderException if there is no such booking
     */
    Optional<Booking> moveBooking(String locationId, String bookingId, BookingStatus expected, BookingStatus next,
            Instant holdUntil);

    /**
     * @return the ids of the payments recorded for the booking (the prepayment that confirmed it,
     *         payments of links for the visit), oldest first
     * @throws TenderException if there is no such booking
     */
    List<String> payments(String locationId, String bookingId);

    /**
     * @return what the booking's recorded payments captured, less what was refunded of them; zero in
     *         the service's currency if nothing
     */
    Money paid(String locationId, String bookingId);

    /**
     * What {@link #paid} gives, for every booking of the location that has recorded payments, at
     * once (a list of bookings needs it for each).
     *
     * @return by booking id; a booking without payments is not in it
     */
    Map<String, Money> paidByBooking(String locationId);

    /**
     * The client's earlier bookings at a location, matched by email (ignoring case) or phone.
     *
     * @param before only bookings that start before this (and before now: a visit still to come was
     *               neither kept nor missed)
     * @return their count and how many of them were no-shows
     */
    ClientHistory history(String locationId, String clientEmail, String clientPhone, Instant before);
}
