package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;

/**
 * A service's OpenAPI document ({@code /q/openapi}) against the service itself: every JAX-RS resource method (found
 * by reflection over the service's resource beans) is in the document with its path and HTTP method, the document
 * has no operation that no resource serves, each operation is described, each JSON request body has an example,
 * every operation's client errors are {@code application/problem+json}, and every {@code /api/} operation names the
 * API key scheme with its 401 and 403 problems. The document is fetched
 * without a key: it stays open. One {@code @QuarkusTest} subclass per service that serves REST.
 */
public abstract class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String SCHEME = "apiKey";

    private JsonNode document;

    @BeforeEach
    void fetchWithoutAKey() throws IOException, InterruptedException {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/q/openapi?format=json");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET /q/openapi without a key").isEqualTo(200);
        document = Json.mapper().readTree(answer.body());
    }

    @Test
    void everyResourceMethodIsDocumentedAndNothingElse() {
        Set<String> served = served();

        assertThat(served).as("the service's JAX-RS resource methods").isNotEmpty();
        assertThat(documented()).as("operations in /q/openapi, against the resource methods")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyOperationIsDescribedAndEveryJsonBodyHasAnExample() {
        operations().forEach((name, operation) -> {
            assertThat(operation.path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(operation.path("description").asText()).as(name + " description").isNotBlank();
            JsonNode json = operation.path("requestBody").path("content").path("application/json");
            if (!json.isMissingNode()) {
                assertThat(json.has("example") || json.has("examples")).as(name + " request body example").isTrue();
            }
        });
    }

    @Test
    void everyApiOperationNeedsTheKeyAndEveryClientErrorIsAProblem() {
        JsonNode scheme = document.path("components").path("securitySchemes").path(SCHEME);
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");

        operations().forEach((name, operation) -> {
            assertProblem(name, operation, "4XX");
            if (!name.split(" ")[1].startsWith("/api/")) {
                assertThat(operation.has("security")).as(name + " needs no key").isFalse();
                return;
            }
            assertThat(operation.path("security").findValues(SCHEME)).as(name + " security").hasSize(1);
            assertProblem(name, operation, "401");
            assertProblem(name, operation, "403");
        });
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").has("errors"))
                .isTrue();
    }

    private static void assertProblem(String name, JsonNode operation, String status) {
        JsonNode problem = operation.path("responses").path(status).path("content").path("application/problem+json");
        assertThat(problem.path("schema").path("$ref").asText()).as(name + " " + status)
                .isEqualTo("#/components/schemas/Problem");
    }

    /** "GET /api/v1/things/{id}" for every operation of the document. */
    private Set<String> documented() {
        return new TreeSet<>(operations().keySet());
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + normalise(path.getKey()),
                            op.getValue());
                }
            });
        }
        return operations;
    }

    /** "GET /api/v1/things/{id}" for every resource method of every {@code @Path} bean of the running service. */
    private static Set<String> served() {
        Set<String> served = new TreeSet<>();
        Set<Class<?>> resources = new HashSet<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (bean.getBeanClass().isAnnotationPresent(Path.class)) {
                resources.add(bean.getBeanClass());
            }
        }
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                for (String verb : httpMethods(method)) {
                    Path sub = method.getAnnotation(Path.class);
                    served.add(verb + " " + normalise(base + "/" + (sub == null ? "" : sub.value())));
                }
            }
        }
        return served;
    }

    private static List<String> httpMethods(Method method) {
        List<String> verbs = new ArrayList<>();
        for (var annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                verbs.add(verb.value());
            }
        }
        return verbs;
    }

    /** One leading slash, none doubled or trailing, and {@code {id: regex}} as {@code {id}}. */
    static String normalise(String path) {
        String p = ("/" + path).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
