package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
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
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
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

    @Inject
    InMemorySpanExporter spans;

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
    void eachStepAttemptIsATraceOfItsOwnThatItsVerdictComesBackIn() {
        String id = driver.start();
        StepRequested first = driver.firstRequest(id, redis);
        String firstTrace = kafka.traceId(Topics.STEPS_REQUESTED, first).orElseThrow();
        String request = span("send " + Topics.STEPS_REQUESTED, firstTrace).getLinks().get(0).getSpanContext()
                .getTraceId();
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .as("the first attempt links to the request that created the session").anySatisfy(s -> {
                    assertThat(s.getTraceId()).isEqualTo(request);
                    assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(s.getName()).startsWith("POST");
                }));

        StepRequested second = driver.requestAfter(kafka.sendTraced(SessionDriver.verified(first, "patch-1"),
                firstTrace, "00f067aa0ba902b7"), id, "s2", 1);

        String secondTrace = kafka.traceId(Topics.STEPS_REQUESTED, second).orElseThrow();
        assertThat(secondTrace).as("the next attempt starts a trace of its own").isNotEqualTo(firstTrace);
        SpanData handled = span("process " + Topics.STEPS_VERDICTS, firstTrace);
        assertThat(handled.getAttributes().asMap()).containsEntry(AttributeKey.stringKey(EventSpans.SESSION_ID), id);
        assertThat(span("send " + Topics.STEPS_REQUESTED, secondTrace).getLinks())
                .as("linked to the verdict that led to it")
                .anySatisfy(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(handled.getSpanId()));
    }

    private SpanData span(String name, String traceId) {
        return await().atMost(SessionDriver.WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name) && s.getTraceId().equals(traceId)).findFirst().orElse(null),
                s -> s != null);
    }

    @Test
    void rejectedStepIsRetriedWithTheReasonRevisedOnceThenFailsTheSession() {
        String id = driver.start();
        StepRequested attempt1 = driver.firstRequest(id, redis);
        RecordMetadata rejected1 = kafka.send(SessionDriver.rejected(attempt1, "check 'unit-tests' failed (exit 1)",
                "FAIL: test_counts_words"));

        StepRequested attempt2 = driver.requestAfter(rejected1, id, "s1", 2);
        assertThat(attempt2.payload().feedback()).singleElement().asString()
                .contains("check 'unit-tests' failed (exit 1)").contains("FAIL: test_counts_words");
        RecordMetadata rejected2 = kafka.send(SessionDriver.rejected(attempt2, "check 'unit-tests' failed (exit 1)",
                "FAIL again"));
        kafka.send(SessionDriver.rejected(driver.requestAfter(rejected2, id, "s1", 3),
                "the patch does not apply", "error: patch failed"));

        // Every attempt failed: the planner model revises the plan once (ratchet.planner.replans, below),
        // and when the revised step fails every attempt too, the session fails.
        RecordMetadata last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            last = kafka.send(SessionDriver.rejected(driver.awaitRequest(id, "s1r2", attempt),
                    "the patch does not apply", "error: patch failed"));
        }
        SessionFailed failed = kafka.awaitExactlyOne(SessionDriver.GROUP, last, SessionFailed.class,
                e -> e.sessionId().equals(id), SessionDriver.WAIT);
        assertThat(failed.payload().reason()).isEqualTo("step 1/3 \"Add word_count alone\" was rejected 3 times; "
                + "last at check: the patch does not apply; no re-planning left (1 of 1 used)");
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id))).hasSize(6);
        assertThat(redis.list(String.class).llen(RedisKeys.patches(id))).isZero();
        given().get("/api/v1/sessions/" + id).then().body("status", equalTo("FAILED"))
                .body("failureReason", containsString("rejected 3 times"))
                .body("steps[0].attempts", equalTo(3))
                .body("revisions[0].replaced[0].attempts", equalTo(3));
    }

    // Re-planning with the simulated planner model (its textstats scenario's revision rules): a step rejected on
    // every attempt makes the planner model revise the plan once (ratchet.planner.replans defaults to 1), the
    // verified steps stay, and the revision runs to the end, or fails the session when it has no plan.

    /** Rejects every attempt of {@code stepId} (three, the default). */
    private void rejectEveryAttempt(String id, String stepId) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            StepRequested request = driver.awaitRequest(id, stepId, attempt);
            kafka.send(SessionDriver.rejected(request, "check 'unit-tests' failed (exit 1)",
                    "FAIL: test_top_words attempt " + attempt));
        }
    }

    @Test
    void aStepThatFailsEveryAttemptIsRevisedAndTheRevisionCompletes() {
        String id = driver.start();
        kafka.send(SessionDriver.verified(driver.firstRequest(id, redis), "patch-s1"));
        rejectEveryAttempt(id, "s2");

        StepRequested revised = driver.awaitRequest(id, "s2r2", 1);
        assertThat(revised.payload().work().acceptedPatches()).isEqualTo(1);
        assertThat(revised.payload().work().title()).isEqualTo("Add word_count alone");
        assertThat(revised.payload().feedback()).isEmpty();
        assertThat(SimulatedModelResource.recentRequests()).anySatisfy(body -> assertThat(body)
                .contains("One step of the plan failed every attempt").contains("- s1 Add word_count")
                .contains("FAIL: test_top_words attempt 3").doesNotContain("FAIL: test_top_words attempt 2"));

        kafka.send(SessionDriver.verified(revised, "patch-s2r2"));
        kafka.send(SessionDriver.verified(driver.awaitRequest(id, "s3r2", 1), "patch-s3r2"));
        RecordMetadata last = kafka.send(SessionDriver.verified(driver.awaitRequest(id, "s4r2", 1), "patch-s4r2"));
        SessionCompleted completed = kafka.awaitExactlyOne(SessionDriver.GROUP, last, SessionCompleted.class,
                e -> e.sessionId().equals(id), SessionDriver.WAIT);

        assertThat(completed.payload().steps()).extracting(SessionCompleted.CompletedStep::stepId)
                .containsExactly("s1", "s2r2", "s3r2", "s4r2");
        assertThat(redis.list(String.class).llen(RedisKeys.patches(id))).isEqualTo(4);
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id)).stream()
                .map(r -> r.stepId() + "#" + r.attempt()).toList())
                .containsExactly("s1#1", "s2#1", "s2#2", "s2#3", "s2r2#1", "s3r2#1", "s4r2#1");
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("verifiedSteps", equalTo(4))
                .body("steps.id", equalTo(List.of("s1", "s2r2", "s3r2", "s4r2")))
                .body("plan.id", equalTo(List.of("s1", "s2r2", "s3r2", "s4r2")))
                .body("revisions[0].number", equalTo(2))
                .body("revisions[0].failedStep", equalTo("s2"))
                .body("revisions[0].reason", containsString("step 2/3 \"Add top_words\" was rejected 3 times"))
                .body("revisions[0].replaced.id", equalTo(List.of("s2", "s3")))
                .body("revisions[0].replaced.status", equalTo(List.of("FAILED", "PENDING")))
                .body("revisions[0].replaced[0].attempts", equalTo(3))
                .body("revisions[0].revisedSteps", equalTo(List.of("s2r2", "s3r2", "s4r2")));
        given().get("/api/v1/sessions/" + id + "/plan").then().statusCode(200)
                .body("revision", equalTo(2))
                .body("revisions[0].revisedAt", notNullValue());
        given().get("/api/v1/sessions/" + id + "/files/PLAN.md").then().statusCode(200)
                .body(containsString("- [x] 2. Add word_count alone"))
                .body(containsString("- Revision 2, after step s2 failed: step 2/3 \"Add top_words\" was rejected"))
                .body(containsString("replaced s2 \"Add top_words\", s3 \"Add a command-line entry point\" with "
                        + "s2r2, s3r2, s4r2"));
        given().get("/api/v1/sessions/" + id + "/files/PROGRESS.md").then().statusCode(200)
                .body(containsString("Status: COMPLETED - 4/4 steps verified"))
                .body(containsString("## Revisions"));
        given().get("/api/v1/sessions/" + id + "/events").then().statusCode(200)
                .body(containsString("event:session.replanning"), containsString("event:session.replanned"));
    }

    @Test
    void aRevisionWithNoPlanFailsTheSessionWithTheReason() {
        String id = driver.startWith(Map.of("goal", "Add word statistics to textstats (unrevisable)"));
        rejectEveryAttempt(id, "s1");

        SessionFailed failed = await().atMost(SessionDriver.WAIT).until(() -> kafka.events(SessionFailed.class,
                e -> e.sessionId().equals(id)), list -> !list.isEmpty()).get(0);

        assertThat(failed.payload().reason()).isEqualTo("re-planning failed: revision 2 after step s1 failed (step "
                + "1/3 \"Add word_count\" was rejected 3 times; last at check: check 'unit-tests' failed (exit 1)): "
                + "the plan still has problems after 2 rounds: plan: the plan has no \"steps\" array");
        assertThat(kafka.events(SessionFailed.class, e -> e.sessionId().equals(id))).hasSize(1);
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("steps.id", equalTo(List.of("s1", "s2", "s3")))
                .body("revisions[0].revisedAt", nullValue());
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
