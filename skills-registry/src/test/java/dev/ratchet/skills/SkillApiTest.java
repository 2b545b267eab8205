package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The registry's HTTP surface beyond capture: errors as problems, health and metrics. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SkillApiTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    @Test
    void unknownSkillIsAProblem() {
        given().get("/api/v1/skills/no-such-skill").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:ratchet:problem:not-found"))
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("no skill no-such-skill"))
                .body("instance", equalTo("/api/v1/skills/no-such-skill"));
        given().get("/api/v1/skills/no-such-skill/SKILL.md").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no skill no-such-skill"));
    }

    @Test
    void badNamesAndLimitsAreNamedProblems() {
        for (String name : List.of("Bad_Name", "a--b", "-a", "x".repeat(65), "ratchet:skills")) {
            given().get("/api/v1/skills/" + name).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("name"));
            given().get("/api/v1/skills/" + name + "/SKILL.md").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("name"));
        }
        for (String limit : List.of("abc", "0", "501")) {
            given().queryParam("limit", limit).get("/api/v1/skills").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
        given().queryParam("limit", "5").get("/api/v1/skills").then().statusCode(200);
    }

    @Test
    void wrongMethodsMediaTypesAndPathsAreProblems() {
        given().put("/api/v1/skills").then().statusCode(405).contentType("application/problem+json");
        given().post("/api/v1/skills/anything").then().statusCode(405).contentType("application/problem+json");
        given().accept("text/csv").get("/api/v1/skills").then().statusCode(406)
                .contentType("application/problem+json");
        given().get("/api/v1/nope").then().statusCode(404).contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/nope"));
        given().get("/nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readinessIncludesKafkaAndRedis() {
        // the probe runs in the background; readiness is UP once it found both answering
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP")));
        Response ready = given().get("/q/health/ready").then().contentType("application/json").extract().response();
        List<Map<String, Object>> checks = ready.path("checks");
        assertThat(checks).allSatisfy(c -> assertThat(c).containsEntry("status", "UP"));
        assertThat(checks).filteredOn(c -> "ratchet-infra".equals(c.get("name"))).singleElement()
                .satisfies(c -> assertThat(String.valueOf(c.get("data"))).contains("broker(s) at")
                        .contains("PING answered PONG"));
    }

    @Test
    void metricsAreInPrometheusFormat() {
        given().get("/api/v1/skills").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.startsWith("text/plain"),
                        org.hamcrest.Matchers.startsWith("application/openmetrics-text")))
                .extract().asString();
        assertThat(metrics).contains("# TYPE ").contains("# HELP ").contains("jvm_memory_used_bytes");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/skills\"");
    }
}
