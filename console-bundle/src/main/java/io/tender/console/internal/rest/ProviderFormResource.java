package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.SettingsService;
import io.tender.api.SetupForm;
import io.tender.api.TenderException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * A provider's connection form. A resource of its own: the inventory needs nothing but the running
 * services, and stays up while the settings store is not.
 */
@Component(service = ProviderFormResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.provider-forms")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
// The same root path as InventoryResource: Jersey would let a longer root shadow its sub-paths.
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class ProviderFormResource {

    private final SettingsService settings;

    @Activate
    public ProviderFormResource(@Reference SettingsService settings) {
        this.settings = settings;
    }

    /** The provider's connection form, from its metatype: what "Connect" asks for, and which fields are secret. */
    @GET
    @Path("providers/{id}/form")
    public SetupForm providerForm(@PathParam("id") String id) {
        return settings.setupForm(id).orElseThrow(() ->
                TenderException.notFound("id", "provider '" + id + "' declares no connection form"));
    }
}
