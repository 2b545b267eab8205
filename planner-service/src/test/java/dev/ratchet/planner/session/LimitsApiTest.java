package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A team's limits (test application.properties: {@code limited} may have 1 unfinished session, {@code throttled}
 * send 3 requests per 5 s, {@code frugal} use 1 token a day): the call over each is a 429 problem with
 * {@code Retry-After} and a detail naming the limit, and what the limit held back is allowed again once there is
 * room.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class LimitsApiTest {

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    private static ValidatableResponse tooManyRequests(ValidatableResponse answer, String limit) {
        return answer.statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("urn:ratchet:problem:too-many-requests"))
                .body("detail", containsString(limit));
    }

    private static ValidatableResponse create() {
        return given().contentType(ContentType.JSON).body(Map.of("repo", driver.repo().toString(), "goal",
                "Add word statistics", "checks", List.of(Map.of("name", "unit", "command", "true"))))
                .post("/api/v1/sessions").then();
    }

    @Test
    void aTeamAtItsConcurrentSessionLimitGets429UntilOneOfItsSessionsFinishes() {
        TestKeys.authorize(redis, "limited");
        String first = driver.start();

        tooManyRequests(create(), "max-concurrent-sessions is 1")
                .body("detail", equalTo("team limited has 1 unfinished sessions; its limit max-concurrent-sessions"
                        + " is 1"))
                .header("Retry-After", equalTo("30"));

        given().contentType(ContentType.JSON).body(Map.of("directives", List.of(Map.of("type", "cancel"))))
                .post("/api/v1/sessions/" + first + "/steer").then().statusCode(202);
        create().statusCode(201);
    }

    @Test
    void aTeamOverItsRequestRateGets429AndIsServedAgainAfterTheWindow() {
        TestKeys.authorize(redis, "throttled");
        // The window may have started with an earlier call of this team: wait for one that is served, then use up
        // the rest of the window's requests until one is refused.
        await().atMost(SessionDriver.WAIT).until(() -> given().get("/api/v1/sessions").statusCode() == 200);
        await().atMost(SessionDriver.WAIT).until(() -> given().get("/api/v1/sessions").statusCode() == 429);

        tooManyRequests(given().get("/api/v1/sessions").then(), "max-requests is 3")
                .body("detail", equalTo("team throttled sent more than 3 requests in 5 s; its limit max-requests"
                        + " is 3 per request-window"));
        // another team is not held back by this one's window
        TestKeys.authorize(redis);
        given().get("/api/v1/sessions").then().statusCode(200);

        TestKeys.authorize(redis, "throttled");
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get("/api/v1/sessions").then()
                .statusCode(200));
    }

    @Test
    void aTeamThatUsedItsTokensForTheDayGets429ForNewSessions() {
        TestKeys.authorize(redis, "frugal");
        String first = driver.start();
        // Its plan costs the planner model's tokens, counted for the team today: over the one token allowed.
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + first).then()
                .body("status", equalTo("RUNNING")).body("plannerUsage.tokensIn", not(equalTo(0))));

        tooManyRequests(create(), "max-tokens-per-day is 1")
                .body("detail", containsString("new sessions start again at"));
        given().get("/api/v1/sessions/" + first).then().statusCode(200).body("status", equalTo("RUNNING"));
    }
}
