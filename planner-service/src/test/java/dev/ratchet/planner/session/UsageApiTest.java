package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.auth.Role;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/v1/usage}: after a session that really ran (its plan from the simulated planner model, whose
 * tokens the simulator counts; its three steps verified with the executors' reported usage) the team's day holds
 * exactly its tokens per role, one session and three verified steps, and a redelivered verdict adds nothing. Bad
 * parameters are 400s naming them; another team's usage is for admins.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class UsageApiTest {

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis, "metered");
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    @Test
    void aSessionThatRanIsCountedOnceInItsTeamsDay() {
        String id = driver.start();
        StepVerified s1 = null;
        for (String step : List.of("s1", "s2", "s3")) {
            StepVerified verdict = SessionDriver.verified(driver.awaitRequest(id, step, 1), "patch-" + step);
            s1 = s1 == null ? verdict : s1;
            driver.kafka.send(verdict);
        }
        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
                .body("status", equalTo("COMPLETED")));
        JsonPath session = given().get("/api/v1/sessions/" + id).then().extract().jsonPath();
        int plannerIn = session.getInt("plannerUsage.tokensIn");
        int plannerOut = session.getInt("plannerUsage.tokensOut");
        assertThat(plannerIn).as("the simulated planner model's prompt tokens").isPositive();

        // the first step's verdict once more: handled as a replay, it must count nothing
        RecordMetadata again = driver.kafka.send(s1);
        driver.kafka.awaitHandled(SessionDriver.GROUP, again, SessionDriver.WAIT);

        JsonPath usage = given().queryParam("from", today()).queryParam("to", today()).get("/api/v1/usage").then()
                .statusCode(200).body("team", equalTo("metered")).body("days", hasSize(1)).extract().jsonPath();
        assertThat(usage.getString("days[0].day")).isEqualTo(today());
        assertThat(usage.getInt("days[0].roles.planner.tokensIn")).isEqualTo(plannerIn);
        assertThat(usage.getInt("days[0].roles.planner.tokensOut")).isEqualTo(plannerOut);
        assertThat(usage.getInt("days[0].roles.executor.tokensIn")).isEqualTo(3 * 200);
        assertThat(usage.getInt("days[0].roles.executor.tokensOut")).isEqualTo(3 * 100);
        assertThat(usage.getInt("days[0].sessions")).isEqualTo(1);
        assertThat(usage.getInt("days[0].verifiedSteps")).isEqualTo(3);
        assertThat(usage.getLong("totals.tokens")).isEqualTo(session.getLong("tokens"))
                .isEqualTo(plannerIn + plannerOut + 900L);
    }

    @Test
    void withoutDatesTheLastWeekIsReportedEveryDayPresent() {
        given().get("/api/v1/usage").then().statusCode(200).body("days", hasSize(7)).body("to", equalTo(today()))
                .body("days[0].sessions", equalTo(0));
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("from", "2026-13-01").get("/api/v1/usage").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().queryParam("to", "yesterday").get("/api/v1/usage").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().queryParam("from", "2026-11-30").queryParam("to", "2026-11-01").get("/api/v1/usage").then()
                .statusCode(400).body("errors[0].field", equalTo("from"))
                .body("errors[0].message", containsString("must not be after to"));
        given().queryParam("from", "2026-01-01").queryParam("to", "2026-11-30").get("/api/v1/usage").then()
                .statusCode(400).body("errors[0].message", containsString("at most 92"));
        given().queryParam("team", "Not A Team").get("/api/v1/usage").then().statusCode(400)
                .body("errors[0].field", equalTo("team"));
    }

    @Test
    void anotherTeamsUsageIsForAdminsOnly() {
        given().queryParam("team", "test").get("/api/v1/usage").then().statusCode(403)
                .contentType("application/problem+json");

        TestKeys.use(TestKeys.issue(redis, "ops", Role.ADMIN));
        given().queryParam("team", "metered").get("/api/v1/usage").then().statusCode(200)
                .body("team", equalTo("metered"));
    }
}
