package dev.ratchet.planner.skills;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The planner's skills routes for the console, with no registry running (the tests' registry address refuses
 * connections): a key is needed first, a name that could move the registry's path is refused before any call, and
 * a registry that is away is a 502 problem naming its address. The answers sent on from a running registry are
 * checked by {@code ConsoleIT} on the whole cluster.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class SkillsProxyApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    RedisDataSource redis;

    @Test
    void everyRouteNeedsAKey() {
        RestAssured.requestSpecification = null;
        given().get("/api/v1/skills").then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/skills/search?q=words").then().statusCode(401).contentType(PROBLEM);
        given().post("/api/v1/skills/word-counter/trust").then().statusCode(401).contentType(PROBLEM);
        given().delete("/api/v1/skills/word-counter/trust").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aRegistryThatIsAwayIsABadGatewayNamingIt() {
        TestKeys.authorize(redis);
        for (String path : new String[] {"/api/v1/skills?q=word", "/api/v1/skills/search?q=word",
            "/api/v1/skills/word-counter", "/api/v1/skills/word-counter/SKILL.md"}) {
            given().get(path).then().statusCode(502).contentType(PROBLEM)
                    .body("title", equalTo("Skills registry unavailable"))
                    .body("detail", containsString("the skills registry at http://127.0.0.1:1 gave no answer"));
        }
        given().post("/api/v1/skills/word-counter/trust").then().statusCode(502).contentType(PROBLEM);
        given().delete("/api/v1/skills/word-counter/trust").then().statusCode(502).contentType(PROBLEM)
                .body("detail", containsString("the skills registry at http://127.0.0.1:1 gave no answer"));
    }

    @Test
    void aNameThatIsNoSkillNameIsRefusedBeforeAnyCall() {
        TestKeys.authorize(redis);
        for (String name : new String[] {"a.b", "Word", "a--b", "x".repeat(65)}) {
            given().get("/api/v1/skills/{name}", name).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("name"));
            given().delete("/api/v1/skills/{name}/trust", name).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("name"));
        }
    }
}
