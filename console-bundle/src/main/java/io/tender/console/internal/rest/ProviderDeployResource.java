package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.TenderException;
import io.tender.api.audit.AuditLog;
import io.tender.api.deploy.ProviderBundle;
import io.tender.api.deploy.ProviderDeployment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
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
 * {@code /api/ops/providers}: provider bundles in a running Tender, for owners. Upload one with
 * {@code PUT .../{file}} (the jar as the body), roll it back, or remove it; the same as putting the
 * jar into {@code deploy/}, replacing it, or deleting it.
 */
@Component(service = ProviderDeployResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.provider-deploy")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("ops/providers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("OWNER")
public final class ProviderDeployResource {

    /** Bundles larger than this are refused; a provider with its libraries embedded is far smaller. */
    static final int MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

    private final ProviderDeployment deployment;
    private final AuditLog audit;

    @Activate
    public ProviderDeployResource(@Reference ProviderDeployment deployment, @Reference AuditLog audit) {
        this.deployment = deployment;
        this.audit = audit;
    }

    @GET
    public List<ProviderBundle> providerBundles() {
        return deployment.bundles();
    }

    @ApiResponse(responseCode = "200", description = "Deployed; the bundle as the framework has it after a short wait",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderBundle.class)))
    @ApiResponse(responseCode = "400", description = "Not a jar, not a bundle, or no payment provider in it",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @PUT
    @Path("{file}")
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM})
    public ProviderBundle deployProvider(@PathParam("file") String file,
            @RequestBody(content = @Content(mediaType = "application/java-archive",
                    schema = @Schema(type = "string", format = "binary"))) byte[] jar,
            @Context SecurityContext caller) {
        if (jar == null || jar.length == 0) {
            throw TenderException.invalid("bundle", "send the bundle's jar as the body");
        }
        if (jar.length > MAX_BUNDLE_BYTES) {
            throw TenderException.invalid("bundle", "is larger than " + MAX_BUNDLE_BYTES / (1024 * 1024) + " MiB");
        }
        ProviderBundle before = find(file);
        ProviderBundle deployed = deployment.deploy(file, jar);
        Audits.record(audit, caller, "provider.deploy", null, file, before, deployed);
        return deployed;
    }

    @POST
    @Path("{file}/rollback")
    public ProviderBundle rollbackProvider(@PathParam("file") String file, @Context SecurityContext caller) {
        ProviderBundle before = find(file);
        ProviderBundle after = deployment.rollback(file);
        Audits.record(audit, caller, "provider.rollback", null, file, before, after);
        return after;
    }

    @ApiResponse(responseCode = "204", description = "Removed; kept for a rollback")
    @DELETE
    @Path("{file}")
    public Response removeProvider(@PathParam("file") String file, @Context SecurityContext caller) {
        ProviderBundle before = find(file);
        deployment.remove(file);
        Audits.record(audit, caller, "provider.remove", null, file, before, null);
        return Response.noContent().build();
    }

    private ProviderBundle find(String file) {
        return deployment.bundles().stream().filter(b -> b.file().equals(file)).findFirst().orElse(null);
    }
}
