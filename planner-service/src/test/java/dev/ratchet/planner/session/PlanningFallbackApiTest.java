package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A planner model without structured output (the simulated server refuses {@code json_schema} for it with OpenAI's
 * 400, {@code scenarios/plans-without-json-schema.json}): the planner asks again at once without it and reads the
 * plan from the content, prose and all.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/plans-without-json-schema.json"))
class PlanningFallbackApiTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    @Test
    void aProviderRefusingJsonSchemaIsAskedAgainForJsonInTheContent() {
        SessionDriver driver = new SessionDriver(TextstatsSample.create().repo);
        String id = driver.startWith(Map.of("goal", "Count words (fallback plan goal)"));

        driver.firstRequest(id, redis);

        List<JsonNode> asked = PlanningApiTest.plannerRequests("fallback plan goal");
        assertThat(asked).extracting(r -> r.at("/response_format/type").asText())
                .containsExactly("json_schema", "json_object");
        given().get("/api/v1/sessions/" + id + "/plan").then().statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("steps.title", equalTo(List.of("Add word_count")))
                .body("steps[0].files", equalTo(List.of("textstats.py")))
                .body("steps[0].estimatedTokens", equalTo(2000));
    }
}
