package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.PlatformInventory;
import io.tender.api.TenderException;
import io.tender.console.internal.rest.Views.MethodView;
import io.tender.console.internal.rest.Views.ProviderView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** The installed providers and payment methods, read-only. */
@Component(service = InventoryResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.inventory")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class InventoryResource {

    private final PlatformInventory inventory;

    @Activate
    public InventoryResource(@Reference PlatformInventory inventory) {
        this.inventory = inventory;
    }

    @GET
    @Path("providers")
    public List<ProviderView> providers() {
        return inventory.providers().stream().map(ProviderView::of).toList();
    }

    @GET
    @Path("providers/{id}")
    public ProviderView provider(@PathParam("id") String id) {
        return inventory.providers().stream().filter(p -> p.descriptor().id().equals(id)).findFirst()
                .map(ProviderView::of)
                .orElseThrow(() -> TenderException.notFound("id", "provider '" + id + "' is not installed"));
    }

    @GET
    @Path("methods")
    public List<MethodView> methods() {
        return inventory.methods().stream().map(MethodView::of).toList();
    }

    @GET
    @Path("methods/{id}")
    public MethodView method(@PathParam("id") String id) {
        return inventory.methods().stream().filter(m -> m.descriptor().id().equals(id)).findFirst()
                .map(MethodView::of)
                .orElseThrow(() -> TenderException.notFound("id", "payment method '" + id + "' is not installed"));
    }
}
