package io.tender.console.internal.rest;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.tender.api.TenderException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure of a request becomes an {@code application/problem+json} response. */
final class ProblemMappers {

    private ProblemMappers() {
    }

    /** Refusals from the platform: the reason decides the status. */
    public static final class TenderProblems implements ExceptionMapper<TenderException> {
        @Override
        public Response toResponse(TenderException e) {
            Response.StatusType status = switch (e.reason()) {
                case INVALID -> Status.BAD_REQUEST;
                case NOT_FOUND -> Status.NOT_FOUND;
                case CONFLICT -> Status.CONFLICT;
                case PRECONDITION_FAILED -> Status.PRECONDITION_FAILED;
                case KEY_REUSED -> Problem.UNPROCESSABLE;
                case PROVIDER_NOT_INSTALLED, PROVIDER_UNAVAILABLE -> Status.SERVICE_UNAVAILABLE;
            };
            String kind = e.reason().name().toLowerCase().replace('_', '-');
            Problem problem = Problem.of(status, kind, e.getMessage(), e.field());
            // A provider that is away may be back in a moment: say when to try again.
            return status == Status.SERVICE_UNAVAILABLE ? problem.toResponse(HttpHeaders.RETRY_AFTER, "5") : problem.toResponse();
        }
    }

    /** Malformed JSON or JSON of the wrong shape. */
    public static final class JsonProblems implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            if (e instanceof InvalidDefinitionException || e instanceof JsonGenerationException) {
                return new UnexpectedProblems().toResponse(e); // writing an answer failed: our bug, not the caller's body
            }
            String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().stream()
                            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                            .collect(Collectors.joining(".")).replace(".[", "[")
                    : null;
            String detail = field == null ? "the body is not valid JSON: " + e.getOriginalMessage()
                    : "'" + field + "' has the wrong type or is not allowed";
            return Problem.of(Status.BAD_REQUEST, "malformed-body", detail, field).toResponse();
        }
    }

    /** Errors Jersey itself raises: unknown path, wrong method, unsupported media type. */
    public static final class HttpProblems implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            String kind = status.getReasonPhrase().toLowerCase().replace(' ', '-');
            return Problem.of(status, kind, e.getMessage(), null).toResponse();
        }
    }

    /** Anything else is a bug: logged with its stack, answered without one. */
    public static final class UnexpectedProblems implements ExceptionMapper<Throwable> {
        private static final Logger LOG = LoggerFactory.getLogger(UnexpectedProblems.class);

        @Override
        public Response toResponse(Throwable e) {
            LOG.error("Unexpected failure while serving a request", e);
            return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal", "an unexpected error occurred; it was logged", null)
                    .toResponse();
        }
    }
}
