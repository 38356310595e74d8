package io.tender.api.catalog;

import java.time.Instant;

/**
 * A client's booking of a service, optionally with a chosen employee.
 *
 * @param locationId  the location
 * @param id          the host system's id for it
 * @param serviceId   the booked service
 * @param employeeId  the chosen employee, or null for any
 * @param clientName  the client's name
 * @param clientEmail the client's email, or null
 * @param clientPhone the client's phone number, or null
 * @param startsAt    when the visit starts
 * @param status      where it stands
 * @param holdUntil   for a held booking, when the hold runs out; otherwise null
 * @param paymentId   for a confirmed booking, the prepayment that confirmed it; otherwise null
 */
public record Booking(
        String locationId,
        String id,
        String serviceId,
        String employeeId,
        String clientName,
        String clientEmail,
        String clientPhone,
        Instant startsAt,
        BookingStatus status,
        Instant holdUntil,
        String paymentId) {

    /** A booking as a host system sends it: status, hold and payment are the platform's. */
    public Booking(String locationId, String id, String serviceId, String employeeId, String clientName, String clientEmail,
            String clientPhone, Instant startsAt, BookingStatus status, Instant holdUntil) {
        this(locationId, id, serviceId, employeeId, clientName, clientEmail, clientPhone, startsAt, status, holdUntil, null);
    }
}
