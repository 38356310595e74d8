package io.tender.console.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tender.api.audit.AuditLog;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Records a settings change in the audit log: the caller, and the API's own views of the thing
 * before and after, which already mask secrets (the log redacts them once more).
 */
final class Audits {

    private Audits() {
    }

    static void record(AuditLog log, SecurityContext context, String action, String locationId, String target, Object before,
            Object after) {
        var who = Caller.of(context).principal();
        log.record(who.id(), who.name(), action, locationId, target, json(before), json(after));
    }

    private static String json(Object view) {
        try {
            return view == null ? null : JsonSupport.MapperResolver.MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a view that is not JSON: " + view.getClass(), e);
        }
    }
}
