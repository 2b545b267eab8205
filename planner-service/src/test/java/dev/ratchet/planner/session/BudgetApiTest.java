package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionFailed;
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
 * The kill switch: a session whose tokens (the simulated planner model's, counted by the simulator, and the
 * executors' reported with each verdict) cross its budget, or whose wall clock passes its budget, is cancelled with
 * the reason in its record and its PROGRESS.md; out-of-range budgets are refused naming the field.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class BudgetApiTest {

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis, "budgeted");
    }

    private static String session(String id) {
        return "/api/v1/sessions/" + id;
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static long awaitRunningTokens(String id) {
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get(session(id)).then()
                .body("status", equalTo("RUNNING")));
        return given().get(session(id)).then().extract().<Number>path("tokens").longValue();
    }

    @Test
    void aPlanThatCostsMoreThanTheTokenBudgetCancelsTheSessionBeforeAnyStep() {
        String id = driver.startWith(Map.of("budget", Map.of("tokens", 1)));

        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get(session(id)).then()
                .body("status", equalTo("CANCELLED")));
        int tokens = given().get(session(id)).then().body("policy.budget.tokens", equalTo(1))
                .extract().path("tokens");
        assertThat(tokens).as("the planner model's tokens, counted by the simulated server").isGreaterThan(1);
        String reason = "token budget exceeded: " + thousands(tokens) + " > 1 tokens";
        given().get(session(id)).then().body("failureReason", equalTo(reason)).body("verifiedSteps", equalTo(0));
        given().get(session(id) + "/files/PROGRESS.md").then().statusCode(200)
                .body(containsString("Status: CANCELLED")).body(containsString(reason));
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> assertThat(kafka.events(SessionFailed.class,
                e -> e.sessionId().equals(id))).singleElement()
                .satisfies(e -> assertThat(e.payload().reason()).isEqualTo(reason)));
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id))).isEmpty();
    }

    @Test
    void aVerifiedStepThatCrossesTheTokenBudgetIsKeptAndTheSessionCancelledBeforeTheNext() {
        long planned = awaitRunningTokens(driver.start());
        // room for this plan and 250 tokens more; the step's executor reports 300 (200 in, 100 out)
        long budget = planned + 250;
        String id = driver.startWith(Map.of("budget", Map.of("tokens", budget)));
        long before = awaitRunningTokens(id);
        assertThat(before).isLessThanOrEqualTo(budget);

        kafka.send(SessionDriver.verified(driver.awaitRequest(id, "s1", 1), "patch-s1"));

        String reason = "token budget exceeded: " + thousands(before + 300) + " > " + thousands(budget) + " tokens";
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get(session(id)).then()
                .body("status", equalTo("CANCELLED")).body("failureReason", equalTo(reason))
                .body("verifiedSteps", equalTo(1)).body("steps[0].status", equalTo("VERIFIED"))
                .body("steps[1].attempts", equalTo(0)));
        given().get(session(id) + "/files/PROGRESS.md").then().body(containsString(reason));
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(id) && e.stepId().equals("s2")))
                .isEmpty();
    }

    @Test
    void aSessionPastItsWallClockBudgetIsCancelledByTheReaper() {
        String id = driver.startWith(Map.of("budget", Map.of("wallClockSeconds", 1)));

        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get(session(id)).then()
                .body("status", equalTo("CANCELLED"))
                .body("failureReason", equalTo("wall-clock budget of 1s exceeded"))
                .body("policy.budget.wallClockSeconds", equalTo(1)));
        given().get(session(id) + "/files/PROGRESS.md").then().body(containsString("wall-clock budget of 1s exceeded"));
    }

    @Test
    void budgetsOutOfRangeAreRefusedNamingTheField() {
        for (Map<String, Object> budget : List.of(Map.<String, Object>of("tokens", 0, "wallClockSeconds", 86_401),
                Map.<String, Object>of("tokens", 10_000_001, "wallClockSeconds", -5))) {
            given().contentType(ContentType.JSON).body(Map.of("repo", driver.repo().toString(), "goal", "g",
                    "checks", List.of(Map.of("name", "unit", "command", "true")), "budget", budget))
                    .post("/api/v1/sessions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("budget.tokens", "budget.wallClockSeconds"));
        }
        given().contentType(ContentType.JSON).body(Map.of("repo", driver.repo().toString(), "goal", "g",
                "checks", List.of(Map.of("name", "unit", "command", "true")), "budget", Map.of("dollars", 5)))
                .post("/api/v1/sessions").then().statusCode(400).body("errors[0].field", equalTo("budget.dollars"));
    }

    @Test
    void aSessionWithoutABudgetGetsTheDefaults() {
        String id = driver.start();

        given().get(session(id)).then().body("policy.budget.tokens", equalTo(1_000_000))
                .body("policy.budget.wallClockSeconds", equalTo(7200));
    }
}
