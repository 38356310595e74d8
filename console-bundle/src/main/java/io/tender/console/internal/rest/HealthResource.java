package io.tender.console.internal.rest;

import io.tender.api.PaymentService;
import io.tender.api.PlatformInventory;
import io.tender.api.SettingsService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/health}: is Tender up. Public, for load balancers and supervisors, so it tells
 * nothing but the status and the version; what runs in it is at {@code /api/providers} and {@code /api/methods}.
 */
@Component(service = HealthResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.health")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    public record Health(String status, String version) {
    }

    private final PlatformInventory inventory;

    /**
     * Health is served only once the payment and settings services are up (their store is
     * migrated), so "UP" means Tender can take payments, not merely that HTTP answers.
     */
    @Activate
    public HealthResource(@Reference PlatformInventory inventory, @Reference PaymentService payments,
            @Reference SettingsService settings) {
        this.inventory = inventory;
    }

    @GET
    @PermitAll
    public Health health() {
        return new Health("UP", inventory.version());
    }
}
