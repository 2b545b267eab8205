package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.CleanupResult;
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
import dev.ratchet.workspace.Git;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The cleanup pass is a session option, off by default: {@code cleanup: true} takes the fixer the repository's
 * VERIFY.md declares at the base commit (a 422 naming {@code cleanup} when it declares none), an object gives the
 * fixer itself; either is stored in the session's policy and bounded like a check. A verdict's cleanup is recorded on
 * the step (Redis, the API's step view, VERIFY.md, PROGRESS.md) and its patch is the one the chain keeps.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class CleanupApiTest {

    static final List<Map<String, Object>> CHECKS = List.of(Map.of("name", "unit-tests",
            "command", TextstatsSample.UNIT_TESTS.command()));

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    private static ValidatableResponse create(Path repo, Object cleanup) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("repo", repo.toString(), "goal", "Add word statistics", "checks", CHECKS,
                        "cleanup", cleanup))
                .when().post("/api/v1/sessions").then();
    }

    @Test
    void withoutTheFieldNoCleanupPassRuns() {
        given().contentType(ContentType.JSON).body(Map.of("repo", TextstatsSample.create().repo.toString(),
                "goal", "g", "checks", CHECKS)).when().post("/api/v1/sessions").then().statusCode(201)
                .body("policy.cleanup", nullValue());
        create(TextstatsSample.create().repo, false).statusCode(201).body("policy.cleanup", nullValue());
    }

    @Test
    void theRequestsFixerIsStoredWithItsDefaults() {
        create(TextstatsSample.create().repo, Map.of("command", "sed -i 's/[[:space:]]*$//' textstats.py"))
                .statusCode(201)
                .body("policy.cleanup.name", equalTo("cleanup"))
                .body("policy.cleanup.command", equalTo("sed -i 's/[[:space:]]*$//' textstats.py"))
                .body("policy.cleanup.timeoutSeconds", equalTo(120));
    }

    @Test
    void trueTakesTheFixerVerifyMdDeclares() throws IOException {
        Path repo = TextstatsSample.create().repo;
        Files.writeString(repo.resolve("VERIFY.md"), "```ratchet-cleanup\n{\"name\": \"strip\", \"command\":"
                + " \"sed -i 's/ *$//' textstats.py\", \"timeoutSeconds\": 30}\n```\n");
        Git.run(repo, "add", "VERIFY.md");
        Git.run(repo, "commit", "-q", "-m", "fixer");

        create(repo, true).statusCode(201)
                .body("policy.cleanup.name", equalTo("strip"))
                .body("policy.cleanup.timeoutSeconds", equalTo(30));
    }

    @Test
    void trueWithoutADeclaredFixerIsUnprocessableNamingCleanup() {
        create(TextstatsSample.create().repo, true).statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cleanup"))
                .body("errors[0].message", containsString("```ratchet-cleanup block"));
    }

    @Test
    void anotherTeamsRepositoryIsForbiddenBeforeItsVerifyMdIsJudged() {
        // Team "elsewhere" may use only ${java.io.tmpdir}/ratchet-elsewhere: the sample is not its, so the answer
        // must not say whether the sample's VERIFY.md declares a fixer.
        TestKeys.authorize(redis, "elsewhere");
        given().contentType(ContentType.JSON).body(Map.of("repo", TextstatsSample.create().repo.toString(), "goal",
                        "Add word statistics", "checks", CHECKS, "cleanup", true))
                .when().post("/api/v1/sessions").then().statusCode(403)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("repo"));
    }

    @Test
    void aFixerOutOfBoundsNamesEachField() {
        create(TextstatsSample.create().repo, Map.of("command", " ", "timeoutSeconds", 0)).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("cleanup.command", "cleanup.timeoutSeconds"));
    }

    @Test
    void aCleanupThatIsNeitherABooleanNorAFixerIsABadRequest() {
        create(TextstatsSample.create().repo, "yes").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cleanup"));
        create(TextstatsSample.create().repo, Map.of("command", "true", "stage", "fast")).statusCode(400)
                .body("errors[0].field", equalTo("cleanup"));
    }

    @Test
    void aVerdictsCleanupIsRecordedOnTheStepAndItsPatchIsTheOneKept() {
        SessionDriver driver = new SessionDriver(TextstatsSample.create().repo);
        String id = driver.startWith(Map.of("cleanup", Map.of("name", "strip", "command", "sed -i 's/ *$//' *.py")));
        StepRequested first = driver.firstRequest(id, redis);
        StepVerified plain = SessionDriver.verified(first, "candidate");
        StepVerified.Payload p = plain.payload();
        BlobRef cleaned = BlobRef.of(id, "candidate plus the fixer's change");
        StepVerified verified = new StepVerified(plain.eventId(), id, plain.stepId(), plain.attempt(),
                plain.variant(), plain.occurredAt(), new StepVerified.Payload(cleaned, p.stats(), p.checks(),
                        p.execution(), p.verification(), new CleanupResult("strip", CleanupResult.APPLIED, null, 4,
                                35)));

        driver.requestAfter(kafka.send(verified), id, "s2", 1);

        assertThat(redis.list(String.class).lrange(RedisKeys.patches(id), 0, -1)).singleElement()
                .satisfies(json -> assertThat(Json.read(json, AcceptedPatch.class).patch()).isEqualTo(cleaned));
        assertThat(redis.hash(String.class).hget(RedisKeys.session(id), "steps"))
                .contains("\"cleanup\":{\"name\":\"strip\",\"status\":\"applied\"");
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("policy.cleanup.name", equalTo("strip"))
                .body("steps[0].attemptHistory[0].cleanup.status", equalTo("applied"))
                .body("steps[0].attemptHistory[0].cleanup.changedLines", equalTo(4));
        given().get("/api/v1/sessions/" + id + "/files/VERIFY.md").then().statusCode(200)
                .body(containsString("Cleanup pass: strip `sed -i 's/ *$//' *.py` (120 s)"))
                .body(containsString("  - cleanup strip: applied (4 changed lines)\n"));
        given().get("/api/v1/sessions/" + id + "/files/PROGRESS.md").then().statusCode(200)
                .body(containsString("  - cleanup strip: applied (4 changed lines)\n"));
    }
}
