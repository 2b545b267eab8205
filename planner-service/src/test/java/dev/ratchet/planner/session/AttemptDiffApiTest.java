package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.StepRequested;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * {@code GET .../steps/{step}/attempts/{n}/diff?variant=k} over real Kafka and Redis: a variant's diff is served as
 * soon as its verdict is in, long before the session completes, with the session routes' key and team rules and a
 * 404 that names what is missing.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class AttemptDiffApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String DIFF = """
            --- a/textstats.py
            +++ b/textstats.py
            @@ -1,2 +1,5 @@
             import re
            +
            +def word_count(text):
            +    return len(text.split())
            """;
    private static final String LOSER = """
            --- a/textstats.py
            +++ b/textstats.py
            @@ -1,2 +1,3 @@
             import re
            +word_count = None
            """;

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    @Inject
    Blobs blobs;

    String key;

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @BeforeEach
    void authorize() {
        key = TestKeys.authorize(redis);
    }

    private static String diff(String id, String step, int attempt) {
        return "/api/v1/sessions/" + id + "/steps/" + step + "/attempts/" + attempt + "/diff";
    }

    private static ValidatableResponse missing(String path, Object variant, String detail) {
        return given().queryParam("variant", variant).get(path).then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo(detail));
    }

    @Test
    void aVariantsDiffIsServedOnceVerifiedWhileTheSessionRunsAndALosersLabelledRejected() {
        String id = driver.startWith(Map.of("variants", 3));
        List<StepRequested> sent = await().atMost(SessionDriver.WAIT).until(() -> driver.kafka.events(
                StepRequested.class, SessionDriver.matching(id, "s1", 1)), list -> list.size() >= 3);
        StepRequested v0 = sent.stream().filter(r -> r.variant() == 0).findFirst().orElseThrow();
        StepRequested v1 = sent.stream().filter(r -> r.variant() == 1).findFirst().orElseThrow();
        StepRequested v2 = sent.stream().filter(r -> r.variant() == 2).findFirst().orElseThrow();
        blobs.put(id, DIFF);
        RecordMetadata verdict = driver.kafka.send(SessionDriver.verified(v0, DIFF));
        driver.kafka.awaitHandled(SessionDriver.GROUP, verdict, SessionDriver.WAIT);

        String path = diff(id, "s1", 1);
        given().queryParam("variant", 0).get(path).then().statusCode(200).contentType("text/x-diff")
                .body(equalTo(DIFF));
        given().get(path).then().statusCode(200).body(equalTo(DIFF));   // variant 0 when none is named
        given().accept("application/json").get(path).then().statusCode(200).contentType("application/json")
                .body("status", equalTo("VERIFIED")).body("rejected", equalTo(false)).body("diff", equalTo(DIFF));
        missing(path, 1, "variant 1 of attempt 1 of step s1 has no verdict yet");
        given().get("/api/v1/sessions/" + id).then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("steps[0].attemptHistory[0].variants[0].model", equalTo("simulated:test"))
                .body("steps[0].attemptHistory[0].variants[0].usage.tokensPerSecond", greaterThan(0f))
                .body("steps[0].attemptHistory[0].variants[0].timings.totalMs", notNullValue())
                .body("steps[0].attemptHistory[0].variants[0].diff", equalTo(true));

        blobs.put(id, LOSER);
        verdict = driver.kafka.send(SessionDriver.rejected(v1, "check 'unit-tests' failed (exit 1)", "FAIL", LOSER));
        driver.kafka.awaitHandled(SessionDriver.GROUP, verdict, SessionDriver.WAIT);
        verdict = driver.kafka.send(SessionDriver.rejected(v2, "check 'unit-tests' failed (exit 1)", "FAIL"));
        driver.kafka.awaitHandled(SessionDriver.GROUP, verdict, SessionDriver.WAIT);
        given().queryParam("variant", 1).get(path).then().statusCode(200).contentType("text/x-diff")
                .body(equalTo(LOSER));
        given().queryParam("variant", 1).accept("application/json").get(path).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("rejected", equalTo(true)).body("stage", equalTo("check"))
                .body("reason", equalTo("check 'unit-tests' failed (exit 1)")).body("diff", equalTo(LOSER))
                .body("variant", equalTo(1)).body("attempt", equalTo(1)).body("step", equalTo("s1"));
        missing(path, 2, "variant 2 of attempt 1 of step s1 was rejected at check with no patch to show (its "
                + "verdict names none)");
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("steps[0].attemptHistory[0].variants[1].diff", equalTo(true))
                .body("steps[0].attemptHistory[0].variants[2].diff", nullValue());
        given().get(path).then().statusCode(200).body(equalTo(DIFF));   // the winner, decided; s2 runs on
        missing(path, 3, "attempt 1 of step s1 has variants 0 to 2, not 3");
        missing(diff(id, "s1", 2), 0, "step s1 has no attempt 2");
        missing(diff(id, "s9", 1), 0, "session " + id + " has no step s9");
        missing(path, 101, "step s1 has no person's candidate 101 on attempt 1");
        given().queryParam("variant", "x").get(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("variant"));
    }

    @Test
    void theDiffNeedsAKeyOfTheSessionsTeam() {
        String id = driver.start();
        driver.awaitRequest(id, "s1", 1);
        String path = diff(id, "s1", 1);

        RestAssured.requestSpecification = null;
        given().get(path).then().statusCode(401).contentType(PROBLEM);
        TestKeys.authorize(redis, "another-team");
        given().get(path).then().statusCode(403).contentType(PROBLEM);
        TestKeys.use(key);
        missing(path, 0, "variant 0 of attempt 1 of step s1 is REQUESTED: only a verified attempt's patch is kept");
    }
}
