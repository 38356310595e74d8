package io.tender.console.internal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names the input fields at fault.
 *
 * @param type   a URI naming the kind of problem
 * @param title  a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this request
 * @param errors the fields at fault, if any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    static final MediaType MEDIA_TYPE = MediaType.valueOf("application/problem+json");
    /** 422, which {@link Response.Status} does not name. */
    static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    /** One field at fault. */
    public record FieldError(String field, String reason) {
    }

    static Problem of(Response.StatusType status, String kind, String detail, String field) {
        return new Problem("urn:tender:problem:" + kind, status.getReasonPhrase(), status.getStatusCode(), detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    Response toResponse(String header, String value) {
        return Response.status(status).type(MEDIA_TYPE).header(header, value).entity(this).build();
    }
}
