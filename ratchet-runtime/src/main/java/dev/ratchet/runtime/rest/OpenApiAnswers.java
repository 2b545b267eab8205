package dev.ratchet.runtime.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What a service's OpenAPI document ({@code /q/openapi}) says about the answers its resources do not declare
 * themselves: the API key ({@code Authorization: Bearer rk_...}, checked by {@code ApiKeyFilter} on {@code /api/}
 * only) with its 401 and 403, and the {@code application/problem+json} body of every error answer
 * ({@link ProblemMappers} answers them all so). Runs once, when the document is built at build time; a service
 * without quarkus-smallrye-openapi (an optional dependency of this module) never loads it.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiAnswers implements OASFilter {

    /** The name of the security scheme in {@code components.securitySchemes}. */
    public static final String SCHEME = "apiKey";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("rk_<id>_<secret>")
                .description("A team's API key, from `./ratchet keys create --team T` or POST /api/v1/keys (admins)."
                        + " Every route under /api/ needs it; health, metrics and this document do not."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> answer(path, operation)));
    }

    private static void answer(String path, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        // An error the scanner or a resource declared without a body (the scanner's "400 Bad Request" for a JSON
        // body, the GitHub hook's 401 and 503) is a problem too: ProblemMappers answers every error so.
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.getContent() == null
                    && response.getRef() == null) {
                response.setContent(problemContent(null));
            }
        });
        if (path.startsWith("/api/")) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME, List.of()));
            addIfAbsent(operation, "401", "No key, a key not shaped like one, or an unknown or revoked key; the"
                    + " answer carries WWW-Authenticate: Bearer.", example(ProblemMappers.TYPE_UNAUTHORIZED,
                            "Unauthorized", 401, "send Authorization: Bearer <key>", path, List.of()));
            addIfAbsent(operation, "403", "The key is valid but its team may not do this: another team's session,"
                    + " a repository outside the team's roots, or an admin-only call with a member key.",
                    example(ProblemMappers.TYPE_FORBIDDEN, "Forbidden", 403, "the session belongs to another team",
                            path, List.of()));
        }
        String message = "must be an integer from 1 to 50, not 'ten'";
        addIfAbsent(operation, "4XX", "Any other client mistake (bad id, parameter or body, unknown path, wrong"
                + " method or media type, body too large); errors names each invalid field.",
                example(ProblemMappers.TYPE_INVALID, "Invalid request parameter", 400, "limit: " + message, path,
                        List.of(Map.of("field", "limit", "message", message))));
    }

    private static void addIfAbsent(Operation operation, String status, String description,
            Map<String, Object> example) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(problemContent(example)));
        }
    }

    private static Map<String, Object> example(String type, String title, int status, String detail, String path,
            List<Map<String, String>> errors) {
        Map<String, Object> example = new LinkedHashMap<>(Map.of("type", type, "title", title, "status", status,
                "detail", detail, "instance", path));
        if (!errors.isEmpty()) {
            example.put("errors", errors);
        }
        return example;
    }

    private static Content problemContent(Map<String, Object> example) {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, example == null ? media
                : media.example(example));
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", string("The request field, parameter or header at fault"))
                .addProperty("message", string("What is wrong and what would be accepted"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem detail")
                .addProperty("type", string("A urn:ratchet:problem:* URI naming the kind of problem"))
                .addProperty("title", string("A short summary of the kind"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The request path"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(violation).description("Each invalid field; absent when none"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
