package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.session.Progress;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A person's candidate for the running step, through the API: guarded like a model's edit, normalised to the unified
 * diff against the step's starting state, sent to the verifiers as a variant of the current attempt, and, verified,
 * the step's result, recorded as written by a person. The verifier's side is the verifier's own test.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class CandidateApiTest {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static TextstatsSample textstats;
    static SessionDriver driver;

    @Inject
    RedisDataSource redis;
    @Inject
    ProgressLog progress;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
        driver = new SessionDriver(textstats.repo);
    }

    private static ValidatableResponse submit(String id, String step, Map<String, String> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/sessions/" + id + "/steps/" + step + "/candidates").then();
    }

    @Test
    void aCandidateInAnyFormatIsVerifiedLikeAModelsAndRecordedAsAPersons() {
        String id = driver.start();
        StepRequested first = driver.awaitRequest(id, "s1", 1);

        submit(id, "s1", Map.of("author", "alice", "patch", TextstatsSample.applyPatch("step1.patch")))
                .statusCode(202)
                .body("candidate.variant", equalTo(101))
                .body("candidate.attempt", equalTo(1))
                .body("candidate.status", equalTo("SUBMITTED"))
                .body("candidate.author", equalTo("alice"));

        StepExecuted sent = await().atMost(Duration.ofSeconds(20)).until(() -> kafka.events(StepExecuted.class,
                e -> e.sessionId().equals(id)), list -> list.size() == 1).get(0);
        assertThat(sent.stepId()).isEqualTo("s1");
        assertThat(sent.attempt()).isEqualTo(first.attempt());
        assertThat(sent.variant()).as("a person's first candidate: 100 + 1").isEqualTo(101);
        assertThat(sent.payload().execution().executor()).isEqualTo("person:alice");
        assertThat(sent.payload().work()).isEqualTo(first.payload().work());
        assertThat(RedisSessions.blob(redis, sent.payload().patch())).as("normalised to git's unified diff")
                .isEqualTo(textstats.diff(List.of(), "step1.patch"));
        assertThat(progress.all(id)).extracting(e -> e.progress().type()).contains(Progress.STEP_CANDIDATE);

        // the verifier's verdict on the candidate: the step's result, with a browser check's screenshot
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        BlobRef shot = RedisSessions.store(redis, id, Base64.getEncoder().encodeToString(png));
        Instant now = Instant.now();
        kafka.send(StepVerified.of(sent, now, new StepVerified.Payload(sent.payload().patch(), sent.payload().stats(),
                List.of(new CheckResult("ui", "python3 -m http.server 8000", 0, true, false, 900, "ok",
                        "bubblewrap", null, false, null, List.of(new CheckResult.Screenshot("/", shot)))),
                sent.payload().execution(), new Verification("verifier-test", now, now))));

        StepRequested second = driver.awaitRequest(id, "s2", 1);
        assertThat(second.payload().work().acceptedPatches()).isEqualTo(1);
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("steps[0].status", equalTo("VERIFIED"))
                .body("steps[0].attemptHistory[0].executor", equalTo("person:alice"))
                .body("steps[0].candidates[0].status", equalTo("ACCEPTED"));
        byte[] served = given().get("/api/v1/sessions/" + id + "/steps/s1/attempts/1/screenshots/ui").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(served).isEqualTo(png);
        given().get("/api/v1/sessions/" + id + "/steps/s1/attempts/1/screenshots/lint").then().statusCode(404);
    }

    @Test
    void onlyTheRunningStepTakesCandidatesAndTheGuardrailsApply() {
        String id = driver.start();
        driver.awaitRequest(id, "s1", 1);

        submit(id, "s2", Map.of("author", "alice", "patch", TextstatsSample.applyPatch("step1.patch")))
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("step s2 is not the one running"));
        submit(id, "s9", Map.of("author", "alice", "patch", "x")).statusCode(404);
        submit(id, "s1", Map.of("author", "alice", "patch", "*** Begin Patch\n*** Delete File: README.md\n"
                + "*** End Patch\n"))
                .statusCode(422)
                .body("detail", equalTo("rejected by guardrail no-deletes: README.md"))
                .body("errors[0].field", equalTo("patch"))
                .body("errors[0].message", containsString("[no-deletes]"));
        submit(id, "s1", Map.of("author", "alice", "patch", "please add word_count")).statusCode(400)
                .body("errors[0].field", equalTo("patch"));
        submit(id, "s1", Map.of("author", "not a name!", "patch", "x")).statusCode(400)
                .body("errors[0].field", equalTo("author"));
        assertThat(kafka.events(StepExecuted.class, e -> e.sessionId().equals(id))).as("nothing was sent").isEmpty();
    }
}
