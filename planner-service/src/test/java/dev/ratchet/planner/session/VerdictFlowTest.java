package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.AcceptedPatch;
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

/**
 * The planner's side of a session over real Kafka and Redis: verdicts arrive on the verdicts topic as a verifier
 * would send them, and the planner's decisions are read back from Kafka and Redis.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class VerdictFlowTest {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @Test
    void verifiedStepsRatchetForwardToCompletion() {
        String id = driver.start();
        StepRequested first = driver.firstRequest(id, redis);
        assertThat(first.payload().work().acceptedPatches()).isZero();

        StepVerified verified = SessionDriver.verified(first, "patch-1");
        StepRequested second = driver.requestAfter(kafka.send(verified), id, "s2", 1);
        assertThat(second.payload().work().acceptedPatches()).isEqualTo(1);
        assertThat(redis.list(String.class).lrange(RedisKeys.patches(id), 0, -1)).singleElement()
                .satisfies(json -> assertThat(Json.read(json, AcceptedPatch.class).patch())
                        .isEqualTo(BlobRef.of(id, "patch-1")));

        // The same verdict again after the first delivery was handled (a redelivery): its processed marker drops
        // it, nothing changes and nothing is sent again. (VerdictReplayTest takes the marker away.)
        assertThat(driver.requestAfter(kafka.send(verified), id, "s2", 1)).isEqualTo(second);
        StepRequested third = driver.requestAfter(kafka.send(SessionDriver.verified(second, "patch-2")), id, "s3", 1);
        RecordMetadata last = kafka.send(SessionDriver.verified(third, "patch-3"));

        SessionCompleted completed = kafka.awaitExactlyOne(SessionDriver.GROUP, last, SessionCompleted.class,
                e -> e.sessionId().equals(id), SessionDriver.WAIT);
        assertThat(redis.list(String.class).lrange(RedisKeys.patches(id), 0, -1)).hasSize(3);
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id))).hasSize(3);
        assertThat(completed.payload().steps()).extracting(SessionCompleted.CompletedStep::title)
                .containsExactly("Add word_count", "Add top_words", "Add a command-line entry point");

        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("verifiedSteps", equalTo(3))
                .body("acceptedPatches", equalTo(3))
                .body("steps[0].attemptHistory[0].timings.modelMs", equalTo(40))
                .body("usage.tokensOut", equalTo(300));
        given().get("/api/v1/sessions/" + id + "/files/PLAN.md").then().statusCode(200)
                .contentType(containsString("text/markdown"))
                .body(containsString("- [x] 3. Add a command-line entry point"));
        given().get("/api/v1/sessions/" + id + "/files/PROGRESS.md").then().statusCode(200)
                .body(containsString("Status: COMPLETED - 3/3 steps verified"));
        given().get("/api/v1/sessions/" + id + "/files/AGENTS.md").then().statusCode(200)
                .body(containsString("gpt-5.3-codex-spark"))
                .body(containsString("Run the tests: `python3 -m unittest discover -s tests -t .`"));
        given().get("/api/v1/sessions/" + id + "/events").then().statusCode(200)
                .body(containsString("event:session.planned"), containsString("event:session.completed"));
    }

    @Test
    void rejectedStepIsRetriedWithTheReasonThenFailsTheSession() {
        String id = driver.start();
        StepRequested attempt1 = driver.firstRequest(id, redis);
        RecordMetadata rejected1 = kafka.send(SessionDriver.rejected(attempt1, "check 'unit-tests' failed (exit 1)",
                "FAIL: test_counts_words"));

        StepRequested attempt2 = driver.requestAfter(rejected1, id, "s1", 2);
        assertThat(attempt2.payload().feedback()).singleElement().asString()
                .contains("check 'unit-tests' failed (exit 1)").contains("FAIL: test_counts_words");
        RecordMetadata rejected2 = kafka.send(SessionDriver.rejected(attempt2, "check 'unit-tests' failed (exit 1)",
                "FAIL again"));
        RecordMetadata rejected3 = kafka.send(SessionDriver.rejected(driver.requestAfter(rejected2, id, "s1", 3),
                "the patch does not apply", "error: patch failed"));

        SessionFailed failed = kafka.awaitExactlyOne(SessionDriver.GROUP, rejected3, SessionFailed.class,
                e -> e.sessionId().equals(id), SessionDriver.WAIT);
        assertThat(failed.payload().reason()).contains("step 1/3 \"Add word_count\" was rejected 3 times")
                .contains("the patch does not apply");
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id))).hasSize(3);
        assertThat(redis.list(String.class).llen(RedisKeys.patches(id))).isZero();
        given().get("/api/v1/sessions/" + id).then().body("status", equalTo("FAILED"))
                .body("failureReason", containsString("rejected 3 times"))
                .body("steps[0].attempts", equalTo(3));
    }

    @Test
    void unknownSessionAndFileAreProblems() {
        String unknown = UUID.randomUUID().toString();
        given().get("/api/v1/sessions/" + unknown).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no session " + unknown));
        String id = driver.start();
        given().get("/api/v1/sessions/" + id + "/files/SECRET.md").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("AGENTS.md, PLAN.md"));
        given().get("/api/v1/sessions/" + id + "/events?after=bogus").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }
}
