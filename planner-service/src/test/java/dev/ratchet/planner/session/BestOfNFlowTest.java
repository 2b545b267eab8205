package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.Sampling;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
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
import io.restassured.http.ContentType;

/**
 * Best-of-N through the planner over real Kafka and Redis: a session asking for 3 variants gets 3 requests per
 * attempt, each sampled differently; the verdicts, sent as verifiers would, are collected and the smallest passing
 * patch is the step's.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class BestOfNFlowTest {

    static TextstatsSample sample;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        sample = TextstatsSample.create();
    }

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    private String start(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("repo", "file://" + sample.repo, "goal",
                "Add word statistics to textstats", "checks", List.of(Map.of("name", "unit-tests", "command",
                        SessionDriver.CHECK_COMMAND, "timeoutSeconds", 60))));
        body.putAll(extra);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/sessions").then()
                .statusCode(201).extract().path("id");
    }

    private List<StepRequested> requests(String id, String stepId, int count) {
        return await().atMost(SessionDriver.WAIT).until(() -> kafka.events(StepRequested.class,
                SessionDriver.matching(id, stepId, 1)), list -> list.size() >= count);
    }

    private static StepVerified verified(StepRequested request, int linesAdded) {
        Instant now = Instant.now();
        Execution execution = new Execution("executor-" + request.variant(), "simulated:test", request.occurredAt(),
                now, now, new Usage(200, 100, 40, 2500));
        BlobRef patch = BlobRef.of(request.sessionId(), "patch-variant-" + request.variant());
        return new StepVerified(SessionDriver.verified(request, "x").eventId(), request.sessionId(),
                request.stepId(), request.attempt(), request.variant(), now, new StepVerified.Payload(patch,
                        new PatchStats(List.of("textstats.py"), linesAdded, 0), List.of(), execution,
                        new Verification("verifier-test", now, now)));
    }

    @Test
    void threeVariantsAreRequestedCollectedAndTheSmallestPassingPatchIsKept() {
        String id = start(Map.of("variants", 3));

        List<StepRequested> sent = requests(id, "s1", 3);
        assertThat(sent).extracting(StepRequested::variant).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(sent).extracting(r -> r.payload().sampling()).containsExactlyInAnyOrder(new Sampling(0.2, 0),
                new Sampling(0.4, 1), new Sampling(0.6, 2));
        StepRequested v0 = sent.stream().filter(r -> r.variant() == 0).findFirst().orElseThrow();
        StepRequested v1 = sent.stream().filter(r -> r.variant() == 1).findFirst().orElseThrow();
        StepRequested v2 = sent.stream().filter(r -> r.variant() == 2).findFirst().orElseThrow();

        kafka.send(verified(v0, 9));
        kafka.send(SessionDriver.rejected(v1, "check 'unit-tests' failed (exit 1)", "FAIL: test_counts_words"));
        RecordMetadata last = kafka.send(verified(v2, 4));
        kafka.awaitHandled(SessionDriver.GROUP, last, SessionDriver.WAIT);

        assertThat(requests(id, "s2", 3)).extracting(StepRequested::variant).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(redis.list(String.class).lrange(RedisKeys.patches(id), 0, -1)).singleElement()
                .satisfies(json -> assertThat(Json.read(json, AcceptedPatch.class).variant()).isEqualTo(2));
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("policy.variants", equalTo(3))
                .body("steps[0].status", equalTo("VERIFIED"))
                .body("steps[0].attemptHistory[0].fanOut", equalTo(3))
                .body("steps[0].attemptHistory[0].variants.variant", containsInAnyOrder(0, 1, 2))
                .body("steps[0].attemptHistory[0].variants.find { it.chosen }.variant", equalTo(2))
                .body("steps[0].attemptHistory[0].variants.find { it.variant == 1 }.status", equalTo("REJECTED"));
        given().get("/api/v1/sessions/" + id + "/files/VERIFY.md").then().statusCode(200)
                .body(containsString("best of 3: variant 2 won"))
                .body(containsString("- variant 0: VERIFIED, +9 -0 lines, 300 tokens, by executor-0 - passed, "
                        + "but changed 9 lines against the winner's 4"));
        // PROGRESS.md's recent events, not GET .../events: that stream stays open until the session ends, which
        // this one (step s2 unanswered) does only when the reaper gives up on it, 90 s later.
        given().get("/api/v1/sessions/" + id + "/files/PROGRESS.md").then().statusCode(200)
                .body(containsString("verified (best of 3: variant 2)"));
    }

    @Test
    void aPersonsPlanEditMayGiveAStepItsOwnVariants() {
        String id = start(Map.of("approval", "manual"));
        String plan = "/api/v1/sessions/" + id + "/plan";
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get(plan).then().statusCode(200)
                .body("status", equalTo("AWAITING_APPROVAL")));

        given().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "s1", "title", "Add word_count",
                "instructions", "Add word_count(text)", "variants", 65)))).put(plan).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("steps[0].variants")));
        given().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "s1", "title", "Add word_count",
                "instructions", "Add word_count(text)", "variants", 2)))).put(plan).then().statusCode(200)
                .body("steps[0].variants", equalTo(2));
        given().post(plan + "/approve").then().statusCode(200);

        assertThat(requests(id, "s1", 2)).extracting(StepRequested::variant).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aSessionsRoundsBoundTheFanOutsOfAStep() {
        String id = start(Map.of("variants", 2, "rounds", 2));
        given().get("/api/v1/sessions/" + id).then().statusCode(200).body("policy.rounds", equalTo(2));

        for (StepRequested request : requests(id, "s1", 2)) {
            kafka.send(SessionDriver.rejected(request, "check 'unit-tests' failed (exit 1)", "FAIL: round 1"));
        }
        List<StepRequested> second = await().atMost(SessionDriver.WAIT).until(() -> kafka.events(
                StepRequested.class, SessionDriver.matching(id, "s1", 2)), list -> list.size() >= 2);
        assertThat(second).extracting(StepRequested::variant).containsExactlyInAnyOrder(0, 1);
        assertThat(second.get(0).payload().feedback()).anySatisfy(f -> assertThat(f).contains("FAIL: round 1"));
        RecordMetadata last = null;
        for (StepRequested request : second) {
            last = kafka.send(SessionDriver.rejected(request, "check 'unit-tests' failed (exit 1)", "FAIL: round 2"));
        }
        kafka.awaitHandled(SessionDriver.GROUP, last, SessionDriver.WAIT);

        // Two rounds, though the planner allows 3 attempts: the step failed and the plan is revised instead.
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
                .statusCode(200).body("revisions.size()", equalTo(1)));
        assertThat(kafka.events(StepRequested.class, SessionDriver.matching(id, "s1", 3))).isEmpty();
    }

    @Test
    void variantsAndSelectOutOfRangeAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("repo", "file://" + sample.repo, "goal", "g", "checks",
                List.of(Map.of("name", "unit-tests", "command", "true")), "variants", 65, "select", "worst",
                "rounds", 17))
                .when().post("/api/v1/sessions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("variants", "select", "rounds"))
                .body("errors.find { it.field == 'rounds' }.message", equalTo("must be between 1 and 16, not 17"))
                .body("errors.find { it.field == 'variants' }.message", equalTo("must be between 1 and 64, not 65"));
    }
}
