package io.tender.console.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document generated from the resources, read back by swagger-parser, the usual validator. */
class OpenApiDocumentTest {

    private static SwaggerParseResult parsed() throws Exception {
        String json = new String(new OpenApiResource().document(), StandardCharsets.UTF_8);
        return new OpenAPIParser().readContents(json, null, null);
    }

    @Test
    void theDocumentIsValidOpenApi3WithUniqueOperationIds() throws Exception {
        SwaggerParseResult result = parsed();
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getServers()).singleElement().satisfies(s -> assertThat(s.getUrl()).isEqualTo("/api"));
        List<String> ids = new ArrayList<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> ids.add(op.getOperationId())));
        assertThat(ids).doesNotHaveDuplicates().doesNotContainNull().noneMatch(id -> id.matches(".*_\\d+"));
        assertThat(api.getPaths()).doesNotContainKey("/openapi.json");
    }

    private static Object example(String schema, String property) throws Exception {
        io.swagger.v3.oas.models.media.Schema<?> owner = parsed().getOpenAPI().getComponents().getSchemas().get(schema);
        return ((io.swagger.v3.oas.models.media.Schema<?>) owner.getProperties().get(property)).getExample();
    }

    @Test
    void aClientCanCreateAPaymentLinkFromTheDocumentAlone() throws Exception {
        OpenAPI api = parsed().getOpenAPI();
        Operation create = api.getPaths().get("/locations/{locationId}/links").getPost();
        assertThat(create.getOperationId()).isEqualTo("createLink");
        assertThat(create.getParameters()).extracting(p -> p.getName()).contains("locationId", "Idempotency-Key");
        assertThat(create.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                .endsWith("/LinkBody");
        assertThat(api.getComponents().getSchemas().get("LinkBody").getProperties())
                .containsKeys("purpose", "reference", "items", "currency", "amount", "expiresInHours");
        assertThat(create.getResponses().get("201").getContent().get("application/json").getSchema().get$ref())
                .endsWith("/LinkView");
        assertThat(api.getComponents().getSchemas().get("LinkView").getProperties()).containsKeys("token", "url", "status");
        assertThat(api.getComponents().getSchemas().get("LinkItemBody").getProperties())
                .containsOnlyKeys("name", "quantity", "unitPrice");
        assertThat(create.getResponses().get("400").getContent()).containsKey("application/problem+json");
        assertThat(example("LinkBody", "purpose")).as("with examples").isEqualTo("goods");
        assertThat(String.valueOf(example("LinkItemBody", "unitPrice"))).isEqualTo("2250");
    }

    @Test
    void everyOperationButWebhooksHealthAndSigningInNeedsAKeyOrASession() throws Exception {
        OpenAPI api = parsed().getOpenAPI();
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("apiKey", "sessionCookie");
        List<String> open = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            boolean secured = op.getSecurity() != null && op.getSecurity().stream().map(r -> r.keySet())
                    .toList().equals(List.of(java.util.Set.of("apiKey"), java.util.Set.of("sessionCookie")));
            if (!secured) {
                open.add(method + " " + path);
            }
        }));
        assertThat(open).containsExactlyInAnyOrder("POST /webhooks/{connectionId}", "GET /health", "POST /session",
                "DELETE /session");
    }
}
