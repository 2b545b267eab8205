package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.store.RedisKeys;
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

/**
 * A person in the front seat, over the API with real Kafka and Redis: manual approval with an edited plan, steering
 * directives applied at the step boundary, cancel during a running step, and 409 once a session is over.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class SteeringApiTest {

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    private static String session(String id) {
        return "/api/v1/sessions/" + id;
    }

    private static io.restassured.response.ValidatableResponse steer(String id, Map<String, Object> directive) {
        return given().contentType(ContentType.JSON).body(Map.of("directives", List.of(directive)))
                .post(session(id) + "/steer").then();
    }

    @Test
    void aManualPlanWaitsIsEditedValidatedAndApproved() {
        String id = driver.start("manual");
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get(session(id) + "/plan").then()
                .statusCode(200).body("status", equalTo("AWAITING_APPROVAL")).body("approval", equalTo("manual"))
                .body("steps.id", equalTo(List.of("s1", "s2", "s3"))));
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id))).isEmpty();

        given().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(Map.of("id", "s1", "title", " ", "instructions", "x"))))
                .put(session(id) + "/plan").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("steps[0].title")));
        given().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "s1", "title", "Add it",
                "instructions", "x", "variants", 2, "approaches", List.of("str.split()", "a regular\nexpression")))))
                .put(session(id) + "/plan").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("steps[0].approaches[1]")))
                .body("errors.message", equalTo(List.of("must be one line without control characters")));
        given().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "s1", "title", "Add it",
                "instructions", "x", "variants", 2, "approaches", List.of("str.split()", "a regular expression")))))
                .put(session(id) + "/plan").then().statusCode(200)
                .body("steps[0].approaches", equalTo(List.of("str.split()", "a regular expression")));
        List<Map<String, String>> edited = List.of(
                Map.of("id", "s1", "title", "Add word_count only", "instructions", "Add word_count(text)"),
                Map.of("id", "s2", "title", "Add top_words", "instructions", "Add top_words(text, n)"));
        given().contentType(ContentType.JSON).body(Map.of("steps", edited)).put(session(id) + "/plan").then()
                .statusCode(200).body("steps.title", equalTo(List.of("Add word_count only", "Add top_words")));

        given().post(session(id) + "/plan/approve").then().statusCode(200).body("status", equalTo("RUNNING"));
        StepRequested first = driver.awaitRequest(id, "s1", 1);
        assertThat(first.payload().work().title()).isEqualTo("Add word_count only");
        assertThat(first.payload().work().stepCount()).isEqualTo(2);
        given().get(session(id) + "/files/PLAN.md").then().body(containsString("Add word_count only"));

        given().post(session(id) + "/plan/approve").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("AWAITING_APPROVAL"));
    }

    @Test
    void directivesTakeEffectAtTheNextBoundaryAndARedoDropsPatches() {
        String id = driver.start();
        StepRequested s1 = driver.awaitRequest(id, "s1", 1);
        steer(id, Map.of("type", "note", "text", "keep functions pure")).statusCode(202)
                .body("directives[0].id", equalTo("d1")).body("directives[0].type", equalTo("note"));
        steer(id, Map.of("type", "guardrails", "guardrails", Map.of("forbid", List.of("types/**")))).statusCode(202)
                .body("directives[0].id", equalTo("d2"));
        given().get(session(id)).then().body("policy.guardrails.forbid", equalTo(List.of(".git/**", ".env*",
                "**/*.pem", "**/id_rsa*", "**/*.key")));

        kafka.send(SessionDriver.verified(s1, "patch-1"));
        StepRequested s2 = driver.awaitRequest(id, "s2", 1);
        given().get(session(id)).then().body("directives.effectiveStep", equalTo(List.of("s2", "s2")))
                .body("policy.guardrails.forbid", equalTo(List.of("types/**")));
        given().get(session(id) + "/files/PROGRESS.md").then()
                .body(containsString("directive d1 note \"keep functions pure\" applied before step s2"));

        kafka.send(SessionDriver.verified(s2, "patch-2"));
        StepRequested s3 = driver.awaitRequest(id, "s3", 1);
        steer(id, Map.of("type", "redo", "step", "s1", "feedback", "name it count_words")).statusCode(202);
        kafka.send(SessionDriver.verified(s3, "patch-3"));
        StepRequested again = driver.awaitRequest(id, "s1", 2);
        assertThat(again.payload().work().acceptedPatches()).isZero();
        assertThat(again.payload().feedback()).containsExactly("a person asked to redo this step: name it count_words");
        assertThat(redis.list(String.class).llen(RedisKeys.patches(id))).isZero();
        given().get(session(id)).then().body("steps.status", equalTo(List.of("RUNNING", "PENDING", "PENDING")));
    }

    @Test
    void cancelStopsTheRunningStepDropsItsVerdictAndLaterDirectivesAreRefused() {
        String id = driver.start();
        StepRequested s1 = driver.awaitRequest(id, "s1", 1);
        redis.hash(String.class).hset(RedisKeys.work(id), "executor:" + s1.eventId(), "executor-test|9999999999999");

        steer(id, Map.of("type", "cancel")).statusCode(202).body("directives[0].effectiveStep", equalTo("s1"));
        given().get(session(id)).then().body("status", equalTo("CANCELLED"))
                .body("failureReason", equalTo("cancelled by a person (directive d1)"));
        assertThat(redis.key().exists(RedisKeys.work(id))).isFalse();
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> assertThat(
                kafka.events(SessionFailed.class, e -> e.sessionId().equals(id))).hasSize(1));

        kafka.send(SessionDriver.verified(s1, "late"));
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> assertThat(given().get(session(id) + "/events?from=0")
                .then().extract().asString()).isNotEmpty());
        given().get(session(id)).then().body("status", equalTo("CANCELLED")).body("verifiedSteps", equalTo(0));

        steer(id, Map.of("type", "note", "text", "too late")).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("a finished session takes no directives"));
    }

    @Test
    void malformedOrIllegalDirectivesAreRefusedNamingTheField() {
        String id = driver.start();
        driver.awaitRequest(id, "s1", 1);
        steer(id, Map.of("type", "shout")).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("directives[0].type"));
        steer(id, Map.of("type", "redo")).statusCode(400).body("errors.field", hasItem("directives[0].step"));
        steer(id, Map.of("type", "resume")).statusCode(409)
                .body("detail", equalTo("directives[0]: resume is not taken while the session is RUNNING"));
        given().contentType(ContentType.JSON).body(Map.of("directives", List.of(Map.of("type", "note", "text", "x",
                "colour", "red")))).post(session(id) + "/steer").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("repo", "/tmp", "goal", "g", "approval", "maybe"))
                .post("/api/v1/sessions").then().statusCode(400).body("errors.field", hasItem("approval"));
    }
}
