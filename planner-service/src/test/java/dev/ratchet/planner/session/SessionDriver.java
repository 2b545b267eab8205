package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.testing.KafkaProbe;
import io.restassured.http.ContentType;

/**
 * Drives sessions as a team and a verifier would: creates them over the API on the textstats sample, waits for
 * the planner's step requests on Kafka and answers them with verdicts.
 */
final class SessionDriver {

    static final String CHECK_COMMAND = "python3 -m unittest discover -s tests -t .";

    final KafkaProbe kafka = KafkaProbe.shared();
    private final Path repo;

    SessionDriver(Path repo) {
        this.repo = repo;
    }

    /** A new session on the sample repository; returns its id. */
    String start() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("repo", "file://" + repo, "goal", "Add word statistics to textstats",
                        "checks", List.of(Map.of("name", "unit-tests", "command", CHECK_COMMAND,
                                "timeoutSeconds", 60))))
                .when().post("/api/v1/sessions").then().statusCode(201).extract().path("id");
    }

    StepRequested awaitRequest(String id, String stepId, int attempt) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> kafka.events(StepRequested.class,
                e -> e.sessionId().equals(id) && e.stepId().equals(stepId) && e.attempt() == attempt),
                list -> list.size() == 1).get(0);
    }

    /** Verifies each of the sample plan's three steps in turn: the session completes. */
    void verifyEveryStep(String id) {
        for (String step : List.of("s1", "s2", "s3")) {
            kafka.send(verified(awaitRequest(id, step, 1), "patch-" + step));
        }
    }

    /** A session verified to its end. */
    String completed() {
        String id = start();
        verifyEveryStep(id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
                .body("status", equalTo("COMPLETED")));
        return id;
    }

    static StepExecuted executed(StepRequested request, String patch) {
        Instant now = Instant.now();
        Execution execution = new Execution("executor-test", "simulated:test", request.occurredAt(), now, now,
                new Usage(200, 100, 40, 2500));
        return StepExecuted.of(request, now, new StepExecuted.Payload(request.payload().work(),
                BlobRef.of(request.sessionId(), patch), new PatchStats(List.of("textstats.py"), 3, 1), execution,
                null));
    }

    static StepVerified verified(StepRequested request, String patch) {
        StepExecuted executed = executed(request, patch);
        Instant now = Instant.now();
        return StepVerified.of(executed, now, new StepVerified.Payload(executed.payload().patch(),
                executed.payload().stats(), List.of(),
                executed.payload().execution(), new Verification("verifier-test", now, now)));
    }

    static StepRejected rejected(StepRequested request, String reason, String output) {
        StepExecuted executed = executed(request, "patch");
        Instant now = Instant.now();
        return StepRejected.of(executed, now, new StepRejected.Payload(StepRejected.STAGE_CHECK, reason, output,
                List.of(), executed.payload().execution(), new Verification("verifier-test", now, now)));
    }
}
