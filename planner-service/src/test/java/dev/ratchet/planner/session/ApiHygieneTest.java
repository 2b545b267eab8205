package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Every client mistake gets {@code application/problem+json} naming what to fix, never a 500: bad ids, cursors and
 * query parameters, wrong methods and media types, unknown paths, bodies over the limit, and requests outside the
 * bounds.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ApiHygieneTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static final String PROBLEM = "application/problem+json";
    static SessionDriver driver;
    static Path repo;

    @TestHTTPResource
    URL base;

    @BeforeAll
    static void sampleRepository() {
        repo = TextstatsSample.create().repo;
        driver = new SessionDriver(repo);
    }

    @Test
    void aSessionIdIsAUuidCheckedBeforeRedisIsAsked() {
        String id = driver.start();

        for (String path : List.of(id + ":plan", id + ":patches", "nope", id.toUpperCase())) {
            invalid(given().get("/api/v1/sessions/" + path), "id").body("errors[0].message",
                    containsString("must be a session id"));
            invalid(given().get("/api/v1/sessions/" + path + "/files/PLAN.md"), "id");
            invalid(given().get("/api/v1/sessions/" + path + "/events"), "id");
        }
        String unknown = UUID.randomUUID().toString();
        given().get("/api/v1/sessions/" + unknown).then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("no session " + unknown));
        given().get("/api/v1/sessions/" + unknown + "/events").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void eventCursorsAreStreamIds() {
        String id = driver.start();

        for (String bad : List.of("99999999999999999999-0", "0-18446744073709551616", "bogus", "1-", "-1-0")) {
            invalid(given().queryParam("after", bad).get("/api/v1/sessions/" + id + "/events"), "after")
                    .body("errors[0].message", containsString("must be an event id"));
            invalid(given().header("Last-Event-ID", bad).get("/api/v1/sessions/" + id + "/events"), "Last-Event-ID");
        }
    }

    @Test
    void theLastCursorThereIsAnswersAnEmptyStream() {
        String id = driver.completed();

        given().header("Last-Event-ID", "18446744073709551615-18446744073709551615")
                .get("/api/v1/sessions/" + id + "/events")
                .then().statusCode(200).contentType(containsString("text/event-stream")).body(equalTo(""));
    }

    @Test
    void limitIsAnIntegerInRange() {
        for (String bad : List.of("abc", "0", "501", "-3", "1.5", "9".repeat(30))) {
            invalid(given().queryParam("limit", bad).get("/api/v1/sessions"), "limit")
                    .body("errors[0].message", containsString("must be an integer from 1 to 500"));
        }
        given().queryParam("limit", "2").get("/api/v1/sessions").then().statusCode(200);
    }

    @Test
    void wrongMethodsMediaTypesAndPathsAreProblems() {
        given().delete("/api/v1/sessions").then().statusCode(405).contentType(PROBLEM)
                .body("detail", equalTo("DELETE is not allowed on /api/v1/sessions"));
        given().accept("text/csv").get("/api/v1/sessions").then().statusCode(406).contentType(PROBLEM);
        given().accept(ContentType.JSON).get("/api/v1/sessions/" + UUID.randomUUID() + "/events").then()
                .statusCode(406).contentType(PROBLEM);
        given().contentType(ContentType.TEXT).body("repo=x").post("/api/v1/sessions").then().statusCode(415)
                .contentType(PROBLEM).body("detail", containsString("application/json"));
        for (String path : List.of("/api/v1/nope", "/nope", "/api/v1/sessions/" + UUID.randomUUID() + "/nope")) {
            given().get(path).then().statusCode(404).contentType(PROBLEM).body("instance", equalTo(path));
        }
    }

    /** Only the headers are sent, as curl does for a body over 1 MiB: it waits for a 100 Continue that never comes. */
    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/sessions HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("content-type: " + PROBLEM + "\r\n");
            JsonNode problem = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("detail").asText())
                    .isEqualTo("the body has 2000000 bytes; at most 1048576 are accepted");
            assertThat(problem.path("status").asInt()).isEqualTo(413);
        }
    }

    @Test
    void unknownFieldsAreNamed() {
        Map<String, Object> request = new HashMap<>(sessionRequest(List.of(Map.of("name", "unit", "command", "true",
                "timeoutSecond", 60))));
        invalid(post(request), "checks[0].timeoutSecond");
        request = new HashMap<>(sessionRequest(List.of(Map.of("name", "unit", "command", "true"))));
        request.put("branch", "main");
        invalid(post(request), "branch");
    }

    @Test
    void requestsAreBounded() {
        invalid(post(sessionRequest(Collections.nCopies(21, Map.of("name", "unit", "command", "true")))), "checks")
                .body("errors[0].message", equalTo("must list at most 20 checks, not 21"));

        List<Map<String, ?>> checks = new ArrayList<>();
        checks.add(Map.of("name", "n".repeat(65), "command", "true", "timeoutSeconds", 0));
        checks.add(Map.of("name", "unit", "command", "c".repeat(4097), "timeoutSeconds", 3601));
        checks.add(Map.of("name", "long", "command", "sleep 3000", "timeoutSeconds", 3600));
        post(sessionRequest(checks)).then().statusCode(400).contentType(PROBLEM).body("errors.field",
                containsInAnyOrder("checks[0].name", "checks[0].timeoutSeconds", "checks[1].command",
                        "checks[1].timeoutSeconds"));

        Map<String, Object> request = new HashMap<>(sessionRequest(List.of(Map.of("name", "u", "command", "true"))));
        request.put("goal", "g".repeat(8001));
        request.put("repo", "/" + "r".repeat(4096));
        post(request).then().statusCode(400).contentType(PROBLEM).body("errors.field",
                containsInAnyOrder("goal", "repo"));
    }

    @Test
    void malformedValuesNameTheirField() {
        String overflow = "{\"repo\":\"" + repo + "\",\"goal\":\"g\",\"checks\":[{\"name\":\"u\",\"command\":\"true\","
                + "\"timeoutSeconds\":99999999999}]}";
        given().contentType(ContentType.JSON).body(overflow).post("/api/v1/sessions").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("checks[0].timeoutSeconds"));
        given().contentType(ContentType.JSON).body("{\"repo\": ").post("/api/v1/sessions").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("body"));
    }

    private static ValidatableResponse invalid(Response response, String field) {
        return response.then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo(field));
    }

    private static Response post(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/sessions");
    }

    private static Map<String, Object> sessionRequest(List<?> checks) {
        return Map.of("repo", repo.toString(), "goal", "Add word statistics", "checks", checks);
    }
}
