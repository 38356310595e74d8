package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The API's OpenAPI 3 document at {@code /api/openapi.json}. It is generated from these resource
 * classes at build time (swagger-maven-plugin), so it cannot drift from the code, and served as built.
 */
@Component(service = OpenApiResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.openapi")
@JakartarsExtensionSelect(AccessControl.SELECT)
@Path("openapi.json")
@Hidden
@PermitAll
public final class OpenApiResource {

    static final String DOCUMENT = "/io/tender/console/internal/openapi/openapi.json";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("the bundle was built without its OpenAPI document");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
