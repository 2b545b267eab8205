package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.RecordMetadata;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.http.ContentType;

/**
 * Drives sessions as a team and a verifier would: creates them over the API on the textstats sample, waits for
 * the planner's step requests on Kafka and answers them with verdicts.
 */
final class SessionDriver {

    static final String CHECK_COMMAND = "python3 -m unittest discover -s tests -t .";
    static final String GROUP = "ratchet-planner";
    static final Duration WAIT = Duration.ofSeconds(30);

    final KafkaProbe kafka = KafkaProbe.shared();
    private final Path repo;

    SessionDriver(Path repo) {
        this.repo = repo;
    }

    Path repo() {
        return repo;
    }

    /** A new session on the sample repository; returns its id. */
    String start() {
        return start("auto");
    }

    /** A new session whose plan waits for a person when {@code approval} is {@code manual}. */
    String start(String approval) {
        return startWith(Map.of("approval", approval));
    }

    /** A new session with {@code fields} added to (or replacing) the usual request's. */
    String startWith(Map<String, ?> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("repo", "file://" + repo, "goal",
                "Add word statistics to textstats", "checks", List.of(Map.of("name", "unit-tests", "command",
                        CHECK_COMMAND, "timeoutSeconds", 60))));
        body.putAll(fields);
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/sessions").then().statusCode(201).extract().path("id");
    }

    /**
     * Waits for the planner's request for the attempt, to drive a session on: the first copy seen. A decision sent
     * again after a replay is a byte-identical copy, so any copy will do here; {@link #firstRequest} and
     * {@link #requestAfter} assert that there is exactly one.
     */
    StepRequested awaitRequest(String id, String stepId, int attempt) {
        return await().atMost(WAIT).until(() -> kafka.events(StepRequested.class, matching(id, stepId, attempt)),
                list -> !list.isEmpty()).get(0);
    }

    /** The one request of a new session's first step, read once planning is over and its events were sent. */
    StepRequested firstRequest(String id, RedisDataSource redis) {
        return kafka.awaitExactlyOne(() -> planned(id, redis), StepRequested.class, matching(id, "s1", 1), WAIT);
    }

    /** The one request for the attempt that the verdict {@code sent} led to, read once the planner handled it. */
    StepRequested requestAfter(RecordMetadata sent, String id, String stepId, int attempt) {
        return kafka.awaitExactlyOne(GROUP, sent, StepRequested.class, matching(id, stepId, attempt), WAIT);
    }

    private static boolean planned(String id, RedisDataSource redis) {
        String status = redis.hash(String.class).hget(RedisKeys.session(id), "status");
        return status != null && !status.equals("PLANNING") && !redis.key().exists(RedisKeys.outbox(id));
    }

    static Predicate<StepRequested> matching(String id, String stepId, int attempt) {
        return e -> e.sessionId().equals(id) && e.stepId().equals(stepId) && e.attempt() == attempt;
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
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
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
        return rejected(request, reason, output, null);
    }

    /** A rejection at check naming the patch it rejected ({@code patch} is stored by the caller), or none. */
    static StepRejected rejected(StepRequested request, String reason, String output, String patch) {
        StepExecuted executed = executed(request, patch == null ? "patch" : patch);
        Instant now = Instant.now();
        return StepRejected.of(executed, now, new StepRejected.Payload(StepRejected.STAGE_CHECK, reason, output,
                List.of(), executed.payload().execution(), new Verification("verifier-test", now, now),
                patch == null ? null : executed.payload().patch()));
    }
}
