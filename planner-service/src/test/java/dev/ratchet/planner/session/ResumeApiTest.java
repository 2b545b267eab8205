package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionCompleted;
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

/**
 * {@code "resume": true}: a repository holding a PLAN.md and PROGRESS.md as Ratchet writes them (in {@code .ratchet/},
 * where a result branch keeps them) is resumed at its first unchecked step with no planner model call; files that
 * are missing, not Ratchet's, too large or a link out of the repository are a 422 naming {@code resume}.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ResumeApiTest {

    /** A goal no other test uses: a planner model request holding it would be this session's. */
    static final String GOAL = "Resume the textstats statistics 5d1c";
    static final String PLAN_MD = """
            # PLAN

            Goal: %s

            Session `0b5e` on `/elsewhere` from `4b825dc642cb` - FAILED

            - [x] 1. Add word_count (verified, attempt 1)
              In textstats.py add word_count(text).
            - [ ] 2. Add top_words (failed after 3 attempts)
              In textstats.py add top_words(text, n).
            - [ ] 3. Add a command-line entry point
              In textstats.py add main(argv).
            """.formatted(GOAL);
    static final String PROGRESS_MD = """
            # PROGRESS

            Status: FAILED - 1/3 steps verified

            ## Done

            - 1. Add word_count - 1 attempt, 100 tokens out, model 40 ms, verify 0 ms

            ## Next

            - 2. Add top_words - failed
            - 3. Add a command-line entry point - pending
            """;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    /** A fresh textstats repository with the two files in {@code .ratchet/}. */
    private static Path repository(String plan, String progress) throws IOException {
        Path repo = TextstatsSample.create().repo;
        Path folder = Files.createDirectories(repo.resolve(".ratchet"));
        Files.writeString(folder.resolve("PLAN.md"), plan);
        Files.writeString(folder.resolve("PROGRESS.md"), progress);
        return repo;
    }

    private static io.restassured.response.ValidatableResponse submit(Path repo) {
        Map<String, Object> body = new HashMap<>(Map.of("repo", "file://" + repo, "resume", true, "checks",
                List.of(Map.of("name", "unit-tests", "command", SessionDriver.CHECK_COMMAND, "timeoutSeconds", 60))));
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/sessions").then();
    }

    @Test
    void aResumedSessionRunsOnlyTheRemainingStepsWithNoPlannerCall() throws IOException {
        SessionDriver driver = new SessionDriver(repository(PLAN_MD, PROGRESS_MD));
        String id = submit(driver.repo()).statusCode(201).body("goal", equalTo(GOAL)).extract().path("id");

        StepRequested second = driver.awaitRequest(id, "s2", 1);
        assertThat(second.payload().work().acceptedPatches()).isZero();
        assertThat(second.payload().work().title()).isEqualTo("Add top_words");
        kafka.send(SessionDriver.verified(second, "patch-s2"));
        RecordMetadata last = kafka.send(SessionDriver.verified(driver.awaitRequest(id, "s3", 1), "patch-s3"));
        SessionCompleted completed = kafka.awaitExactlyOne(SessionDriver.GROUP, last, SessionCompleted.class,
                e -> e.sessionId().equals(id), SessionDriver.WAIT);

        assertThat(completed.payload().steps()).extracting(SessionCompleted.CompletedStep::stepId)
                .containsExactly("s2", "s3");
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id)))
                .extracting(StepRequested::stepId).containsExactly("s2", "s3");
        assertThat(SimulatedModelResource.recentRequests()).noneSatisfy(body -> assertThat(body).contains(GOAL));
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("steps.status", equalTo(List.of("DONE", "VERIFIED", "VERIFIED")))
                .body("plannerUsage.tokensOut", equalTo(0));
        given().get("/api/v1/sessions/" + id + "/files/PLAN.md").then().statusCode(200)
                .body(containsString("- [x] 1. Add word_count (done before the session resumed)"));
        given().get("/api/v1/sessions/" + id + "/events").then().statusCode(200)
                .body(containsString("plan resumed from PLAN.md and PROGRESS.md: 3 steps, 1 already done, no "
                        + "planner model call"));
    }

    @Test
    void filesThatCannotBeResumedAreRefusedNamingResume() throws IOException {
        Path bare = TextstatsSample.create().repo;
        submit(bare).statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("resume"))
                .body("errors[0].message", equalTo("the repository has no PLAN.md (in .ratchet/ or at its root)"));

        submit(repository("# TODO\n- [ ] 1. something\n", PROGRESS_MD)).statusCode(422)
                .body("errors[0].field", equalTo("resume"))
                .body("errors[0].message", containsString("not a plan Ratchet wrote"));

        Path noProgress = repository(PLAN_MD, "");
        Files.delete(noProgress.resolve(".ratchet/PROGRESS.md"));
        submit(noProgress).statusCode(422).body("errors[0].message", equalTo(".ratchet/PROGRESS.md is missing"));

        Path outside = Files.createTempFile("plan-outside", ".md");
        Files.writeString(outside, PLAN_MD);
        Path linked = repository(PLAN_MD, PROGRESS_MD);
        Files.delete(linked.resolve(".ratchet/PLAN.md"));
        Files.createSymbolicLink(linked.resolve(".ratchet/PLAN.md"), outside);
        submit(linked).statusCode(422)
                .body("errors[0].message", equalTo(".ratchet/PLAN.md resolves outside the repository"));

        submit(repository(PLAN_MD + "x".repeat(300 * 1024), PROGRESS_MD)).statusCode(422)
                .body("errors[0].message", equalTo(".ratchet/PLAN.md is larger than 256 KiB"));
        assertThat(SimulatedModelResource.recentRequests()).noneSatisfy(body -> assertThat(body).contains(GOAL));
    }
}
