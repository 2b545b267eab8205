package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class SessionApiTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static Path repo;

    @BeforeAll
    static void sampleRepository() {
        repo = TextstatsSample.create().repo;
    }

    @Test
    void createdSessionIsPlannedAndItsFirstStepRequested() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("repo", repo.toString(), "goal", "Add word statistics to textstats",
                        "checks", List.of(Map.of("name", "unit-tests", "command",
                                "python3 -m unittest discover -s tests -t .", "timeoutSeconds", 60))))
                .when().post("/api/v1/sessions")
                .then().statusCode(201).header("Location", containsString("/api/v1/sessions/"))
                .body("status", equalTo("PLANNING")).extract().path("id");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
                .statusCode(200).body("status", equalTo("RUNNING")).body("plan.title", hasItem("Add top_words")));

        {
            KafkaProbe kafka = KafkaProbe.shared();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(kafka.events(SessionCreated.class, e -> e.sessionId().equals(id))).hasSize(1);
                List<StepRequested> requests = kafka.events(StepRequested.class, e -> e.sessionId().equals(id));
                assertThat(requests).hasSize(1);
                assertThat(requests.get(0).stepId()).isEqualTo("s1");
                assertThat(requests.get(0).payload().work().title()).isEqualTo("Add word_count");
            });
        }
        given().get("/api/v1/sessions/" + id + "/files/PLAN.md").then().statusCode(200)
                .body(containsString("- [ ] 1. Add word_count"));
    }

    @Test
    void invalidRequestNamesEachField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("repo", "/does/not/exist", "goal", " ", "checks", List.of()))
                .when().post("/api/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("repo", "goal", "checks"));
    }

    @Test
    void guardrailsTurnsAndCheckStagesAreStoredWithTheSession() {
        Map<String, Object> body = Map.of("repo", repo.toString(), "goal", "Add word statistics",
                "guardrails", Map.of("deletes", true, "maxChangedLines", 50, "forbid", List.of("secrets/**")),
                "maxTurns", 4,
                "checks", List.of(Map.of("name", "lint", "command", "true", "stage", "review"),
                        Map.of("name", "e2e", "command", "python3 -m http.server 8000", "when", "final",
                                "browser", Map.of("port", 8000, "paths", List.of("/")))));
        String id = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/sessions").then()
                .statusCode(201).extract().path("id");

        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("policy.maxTurns", equalTo(4))
                .body("policy.guardrails.deletes", equalTo(true))
                .body("policy.guardrails.maxChangedLines", equalTo(50))
                .body("policy.guardrails.forbid", equalTo(List.of("secrets/**")))
                .body("policy.guardrails.maxNewFiles", equalTo(20))
                .body("checks[0].stage", equalTo("review"))
                .body("checks[0].when", equalTo("step"))
                .body("checks[1].when", equalTo("final"))
                .body("checks[1].browser.port", equalTo(8000));
    }

    @Test
    void guardrailsAndTurnsAreValidatedNamingTheField() {
        Map<String, Object> unknown = Map.of("repo", repo.toString(), "goal", "g",
                "checks", List.of(Map.of("name", "unit", "command", "true")),
                "guardrails", Map.of("noDeletesPlease", true));
        given().contentType(ContentType.JSON).body(unknown).when().post("/api/v1/sessions").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("guardrails.noDeletesPlease"));

        Map<String, Object> bad = Map.of("repo", repo.toString(), "goal", "g", "maxTurns", 99,
                "checks", List.of(Map.of("name", "ui", "command", "npm start",
                        "browser", Map.of("port", 70_000, "paths", List.of("no-slash")))));
        given().contentType(ContentType.JSON).body(bad).when().post("/api/v1/sessions").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("maxTurns", "checks[0].browser.port",
                        "checks[0].browser.paths[0]"));
    }
}
