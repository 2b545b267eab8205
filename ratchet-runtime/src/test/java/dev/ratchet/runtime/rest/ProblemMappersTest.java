package dev.ratchet.runtime.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The shared problem mappers and routes, once for every service, on the test application's
 * {@code ProbeResource}: every client mistake is {@code application/problem+json} naming what to fix, a fault of
 * the service is a 500 that shows nothing internal.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class ProblemMappersTest {

    static final String PROBLEM = "application/problem+json";

    @TestHTTPResource
    URL base;

    @Test
    void malformedJsonIsABadBody() {
        invalid(post("/probe/strict", "{\"name\": "), "body")
                .body("type", equalTo(ProblemMappers.TYPE_INVALID))
                .body("title", equalTo("Malformed request body"))
                .body("detail", matchesPattern("body: .+"))
                .body("instance", equalTo("/probe/strict"));
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsPath() {
        invalid(post("/probe/strict", "{\"name\":\"a\",\"count\":1,\"items\":[{\"name\":\"x\",\"size\":1},"
                + "{\"name\":\"y\",\"size\":\"big\"}]}"), "items[1].size")
                .body("detail", matchesPattern("items\\[1]\\.size: .+"));
        invalid(post("/probe/lenient", "{\"count\":\"many\"}"), "count");
    }

    @Test
    void unknownFieldsAreNamedWhereTheBodyIsStrict() {
        invalid(post("/probe/strict", "{\"name\":\"a\",\"count\":1,\"items\":[{\"name\":\"x\",\"size\":1,"
                + "\"colour\":\"red\"}]}"), "items[0].colour");
        invalid(post("/probe/strict", "{\"name\":\"a\",\"count\":1,\"extra\":true}"), "extra");
        post("/probe/lenient", "{\"name\":\"a\",\"count\":1,\"extra\":true}").statusCode(200)
                .body("name", equalTo("a"));
    }

    @Test
    void queryParametersAreParsedByTheApiAndNamedWhenBad() {
        for (String bad : new String[] {"abc", "0", "501", "-3", "1.5", " "}) {
            invalid(given().queryParam("limit", bad).get("/probe/page").then(), "limit")
                    .body("title", equalTo("Invalid request parameter"))
                    .body("errors[0].message", equalTo("must be an integer from 1 to 500, not '" + bad + "'"));
        }
        String huge = "9".repeat(60);
        invalid(given().queryParam("limit", huge).get("/probe/page").then(), "limit")
                .body("errors[0].message", equalTo("must be an integer from 1 to 500, not '" + "9".repeat(40)
                        + "...'"));
        given().get("/probe/page").then().statusCode(200).body(equalTo("50"));
        // Quarkus REST passes an empty value as no value: the default.
        given().get("/probe/page?limit=").then().statusCode(200).body(equalTo("50"));
        given().queryParam("limit", " 7 ").get("/probe/page").then().statusCode(200).body(equalTo("7"));
    }

    @Test
    void aResourcesOwnProblemsKeepTheirStatusAndFields() {
        invalid(given().get("/probe/invalid").then(), "name")
                .body("title", equalTo("Invalid probe"))
                .body("errors.field", containsInAnyOrder("name", "items[2].size"))
                .body("detail", equalTo("name: must not be blank; items[2].size: must be positive"));
        given().get("/probe/gone").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo(ProblemMappers.TYPE_NOT_FOUND))
                .body("detail", equalTo("no probe 7"))
                .body("instance", equalTo("/probe/gone"))
                .body("errors", nullValue());
        given().get("/probe/conflict").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("the probe is busy"));
    }

    @Test
    void aFaultOfTheServiceShowsAnErrorIdAndNothingInternal() {
        given().get("/probe/fault").then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo(ProblemMappers.TYPE_INTERNAL))
                .body("detail", matchesPattern("the service failed to answer; its log has the cause under error "
                        + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .body(not(containsString("hunter2")));
    }

    @Test
    void wrongMethodsMediaTypesAndPathsAreProblems() {
        given().delete("/probe/strict").then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo(ProblemMappers.TYPE_METHOD))
                .body("detail", equalTo("DELETE is not allowed on /probe/strict"));
        given().accept("text/csv").get("/probe/page").then().statusCode(406).contentType(PROBLEM)
                .body("type", equalTo(ProblemMappers.TYPE_NOT_ACCEPTABLE))
                .body("detail", equalTo("/probe/page cannot answer in any of the accepted media types (Accept: "
                        + "text/csv)"));
        given().contentType(ContentType.TEXT).body("name=a").post("/probe/strict").then().statusCode(415)
                .contentType(PROBLEM).body("type", equalTo(ProblemMappers.TYPE_MEDIA_TYPE))
                .body("detail", startsWith("/probe/strict does not read Content-Type text/plain"))
                .body("detail", containsString("; send application/json"));
        for (String path : new String[] {"/probe/nope", "/nope"}) {
            given().get(path).then().statusCode(404).contentType(PROBLEM)
                    .body("type", equalTo(ProblemMappers.TYPE_NOT_FOUND))
                    .body("detail", equalTo("no resource at " + path))
                    .body("instance", equalTo(path));
        }
    }

    /** Only the headers are sent, as curl does for a large body: it waits for a 100 Continue that never comes. */
    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        String answer = headersOnly("Content-Length: 2000000\r\nExpect: 100-continue\r\n");

        assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("content-type: " + PROBLEM + "\r\n")
                .containsIgnoringCase("connection: close");
        JsonNode problem = body(answer);
        assertThat(problem.path("type").asText()).isEqualTo(ProblemMappers.TYPE_TOO_LARGE);
        assertThat(problem.path("detail").asText()).isEqualTo("the body has 2000000 bytes; at most 1048576 are "
                + "accepted");
    }

    private String headersOnly(String headers) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /probe/strict HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nContent-Type: application/json\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode body(String answer) throws IOException {
        return Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    private static ValidatableResponse post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).post(path).then();
    }

    private static ValidatableResponse invalid(ValidatableResponse response, String field) {
        return response.statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo(field));
    }
}
