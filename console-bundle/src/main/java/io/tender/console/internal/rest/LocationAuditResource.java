package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.audit.AuditLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** {@code /api/locations/{id}/audit}: the location's part of the audit log, for whoever may see the location. */
@Component(service = LocationAuditResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.location-audit")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("locations")
@Produces(MediaType.APPLICATION_JSON)
public final class LocationAuditResource {

    private final AuditLog audit;

    @Activate
    public LocationAuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Path("{locationId}/audit")
    public List<AuditResource.AuditView> locationAuditLog(@PathParam("locationId") String locationId,
            @Parameter(description = "id of the last entry of the previous page") @QueryParam("before") String before,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        return audit.entries(locationId, before, Bodies.limit(limit, 50, 200)).stream().map(AuditResource.AuditView::of).toList();
    }
}
