package io.tender.console.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.audit.AuditEntry;
import io.tender.api.audit.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The audit log: every settings change with who, when, before and after. Owners read all of it at
 * {@code /api/audit}; anyone who may see a location reads its part at {@code /api/locations/{id}/audit}
 * ({@link LocationAuditResource}).
 */
@Component(service = AuditResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.audit")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private final AuditLog audit;

    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    /** One change; {@code before} and {@code after} are the thing as the API showed it, secrets redacted. */
    public record AuditView(String id, String at, String actorId, String actor, String action, String locationId, String target,
            JsonNode before, JsonNode after) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), e.at().toString(), e.actorId(), e.actor(), e.action(), e.locationId(), e.target(),
                    tree(e.before()), tree(e.after()));
        }

        private static JsonNode tree(String json) {
            try {
                return json == null ? null : JsonSupport.MapperResolver.MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an audit entry that is not JSON", e);
            }
        }
    }

    @GET
    @RolesAllowed("OWNER")
    public List<AuditView> auditLog(@Parameter(description = "id of the last entry of the previous page") @QueryParam("before") String before,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        return audit.entries(null, before, Bodies.limit(limit, 50, 200)).stream().map(AuditView::of).toList();
    }
}
