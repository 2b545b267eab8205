package dev.ratchet.planner.hooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.hooks.HubSignature;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without a secret the hook refuses every delivery, signed or not: an unsigned hook would start anyone's session. */
@QuarkusTest
@TestProfile(GithubHookUnconfiguredTest.NoSecret.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class GithubHookUnconfiguredTest {

    public static class NoSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.hooks.github.secret", "");
        }
    }

    @Test
    void everyDeliveryIs503WhileNoSecretIsConfigured() {
        byte[] body = "{\"zen\": \"Design for failure.\"}".getBytes(StandardCharsets.UTF_8);

        for (String signature : new String[] {HubSignature.sign("a guess", body), "sha256=" + "0".repeat(64)}) {
            given().header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "d1").header("X-Hub-Signature-256",
                    signature).contentType("application/json").body(body).post("/hooks/github").then()
                    .statusCode(503).contentType("application/problem+json")
                    .body("detail", equalTo("no secret is configured (ratchet.hooks.github.secret, "
                            + "RATCHET_HOOKS_GITHUB_SECRET); deliveries are refused"));
        }
    }
}
