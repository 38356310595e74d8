package io.tender.console.internal.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsMediaType;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * JSON for every resource: Jackson, strict about input (unknown fields, fractions where integers
 * are expected, and trailing data are errors), and the mappers that turn every failure into an
 * RFC 9457 problem. Registered by class, never as a provider instance, so the whiteboard can
 * rebuild Jersey at will.
 */
@Component(service = Feature.class)
@JakartarsExtension
@JakartarsName(JsonSupport.NAME)
@JakartarsMediaType(MediaType.APPLICATION_JSON)
public final class JsonSupport implements Feature {

    static final String NAME = "tender.json";
    static final String SELECT = "(osgi.jakartars.name=" + NAME + ")";
    /** Jersey's ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, by name: the console depends on the Jakarta REST API only. */
    static final String CONTENT_LENGTH_BUFFER = "jersey.config.server.contentLength.buffer";
    /**
     * Jersey buffers each answer to give it a Content-Length, in a buffer of this many bytes
     * allocated for every answer (8 KB by default). Most of the API's answers are a few hundred
     * bytes to 1 KB; a longer one, such as a page of a list, goes out chunked, without a
     * Content-Length, and is committed once its first 2 KB are written.
     */
    static final int CONTENT_LENGTH_BUFFER_BYTES = 2048;

    @Override
    public boolean configure(FeatureContext context) {
        context.property(CONTENT_LENGTH_BUFFER, CONTENT_LENGTH_BUFFER_BYTES);
        context.register(JacksonJsonProvider.class);
        context.register(MapperResolver.class);
        context.register(ProblemMappers.TenderProblems.class);
        context.register(ProblemMappers.JsonProblems.class);
        context.register(ProblemMappers.HttpProblems.class);
        context.register(ProblemMappers.UnexpectedProblems.class);
        return true;
    }

    /** The one ObjectMapper of the API. */
    public static final class MapperResolver implements ContextResolver<ObjectMapper> {

        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return MAPPER;
        }
    }
}
