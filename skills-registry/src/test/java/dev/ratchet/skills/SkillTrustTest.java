package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Trust through verification over the API: replay outcomes update the statistics, three passes make a skill
 * trusted, failing recent replays degrade it (with the reason), a person's approval trusts it and a person's
 * withdrawal makes it a candidate again, each session counts once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SkillTrustTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static void create(String name) {
        SkillUploadTest.upload("text/markdown", SkillUploadTest.skillMd(name, "Trusted by replays.")
                .getBytes(StandardCharsets.UTF_8)).statusCode(201);
    }

    static ValidatableResponse replay(String name, boolean passed, long tokens, long wallMs) {
        return replay(name, UUID.randomUUID().toString(), passed, tokens, wallMs);
    }

    static ValidatableResponse replay(String name, String session, boolean passed, long tokens, long wallMs) {
        return given().contentType("application/json").body(Map.of("sessionId", session, "version", 1,
                "passed", passed, "tokens", tokens, "wallMs", wallMs)).post("/api/v1/skills/" + name + "/replays")
                .then().statusCode(200);
    }

    @Test
    void threePassingReplaysMakeATrustedSkillAndFailuresDegradeIt() {
        create("trust-by-replays");

        replay("trust-by-replays", true, 1000, 4000).body("status", equalTo("candidate"))
                .body("stats.replays", equalTo(1)).body("stats.passRate", equalTo(1.0f))
                .body("statusReason", equalTo("1 of the 3 passing replays that make it trusted"));
        replay("trust-by-replays", true, 2000, 6000);
        replay("trust-by-replays", true, 3000, 8000).body("status", equalTo("trusted"))
                .body("statusReason", equalTo("3 replays passed"))
                .body("stats.meanTokens", equalTo(2000)).body("stats.meanWallMs", equalTo(6000));
        replay("trust-by-replays", false, 0, 1000);
        replay("trust-by-replays", false, 0, 1000).body("status", equalTo("trusted"));
        replay("trust-by-replays", false, 0, 1000).body("status", equalTo("degraded"))
                .body("statusReason", equalTo("2 of the last 5 replays passed (40 %), under the 60 % required"))
                .body("stats.replays", equalTo(6)).body("stats.passes", equalTo(3))
                .body("stats.passRate", equalTo(0.5f));

        given().get("/api/v1/skills").then().body("items.find { it.name == 'trust-by-replays' }.status",
                equalTo("degraded"));
        given().queryParam("q", "trust by replays").get("/api/v1/skills/search").then()
                .body("hits.find { it.name == 'trust-by-replays' }.status", equalTo("degraded"));
    }

    @Test
    void aPersonsApprovalTrustsItUntilLaterReplaysFail() {
        create("trust-by-approval");
        replay("trust-by-approval", false, 10, 10).body("status", equalTo("degraded"));

        given().post("/api/v1/skills/trust-by-approval/trust").then().statusCode(200)
                .body("status", equalTo("trusted")).body("statusReason", equalTo("approved by a person"));

        replay("trust-by-approval", true, 10, 10).body("status", equalTo("trusted"));
        replay("trust-by-approval", false, 10, 10).body("status", equalTo("degraded"))
                .body("statusReason", equalTo("1 of the last 2 replays passed (50 %), under the 60 % required"));
        given().post("/api/v1/skills/no-such-skill/trust").then().statusCode(404);
    }

    @Test
    void aPersonsWithdrawalMakesItACandidateUntilReplaysAfterItEarnTrustAgain() {
        create("trust-withdrawn");
        for (int i = 0; i < 3; i++) {
            replay("trust-withdrawn", true, 10, 10);
        }
        given().get("/api/v1/skills/trust-withdrawn").then().body("status", equalTo("trusted"));

        given().delete("/api/v1/skills/trust-withdrawn/trust").then().statusCode(200)
                .body("status", equalTo("candidate")).body("stats.replays", equalTo(3))
                .body("statusReason", equalTo("trust withdrawn by a person; 0 of the 3 passing replays that make it "
                        + "trusted"));
        assertThat(redis.hash(String.class).hget(RedisKeys.skill("trust-withdrawn"), "withdrawnAtReplay"))
                .isEqualTo("3");
        given().queryParam("q", "trusted by replays").get("/api/v1/skills/search").then()
                .body("hits.find { it.name == 'trust-withdrawn' }.status", equalTo("candidate"));

        replay("trust-withdrawn", true, 10, 10).body("status", equalTo("candidate"))
                .body("statusReason", equalTo("trust withdrawn by a person; 1 of the 3 passing replays that make it "
                        + "trusted"));
        given().post("/api/v1/skills/trust-withdrawn/trust").then().statusCode(200)
                .body("status", equalTo("trusted")).body("statusReason", equalTo("approved by a person"));
        assertThat(redis.hash(String.class).hget(RedisKeys.skill("trust-withdrawn"), "withdrawnAtReplay"))
                .as("trusting again clears the withdrawal").isEqualTo("-1");
        given().delete("/api/v1/skills/trust-withdrawn/trust").then().statusCode(200)
                .body("status", equalTo("candidate"));
        for (int i = 0; i < 3; i++) {
            replay("trust-withdrawn", true, 10, 10);
        }
        given().get("/api/v1/skills/trust-withdrawn").then().body("status", equalTo("trusted"))
                .body("statusReason", equalTo("3 replays passed"));
        given().delete("/api/v1/skills/no-such-skill/trust").then().statusCode(404);
    }

    @Test
    void eachSessionCountsOnce() {
        create("trust-once");
        String session = UUID.randomUUID().toString();

        replay("trust-once", session, true, 100, 100).body("stats.replays", equalTo(1));
        replay("trust-once", session, false, 100, 100).body("stats.replays", equalTo(1))
                .body("stats.passes", equalTo(1)).body("status", equalTo("candidate"));
    }

    @Test
    void aBadOutcomeIsAProblemNamingItsFields() {
        create("trust-bad-input");

        given().contentType("application/json").body(Map.of("sessionId", "", "version", 7, "tokens", -1))
                .post("/api/v1/skills/trust-bad-input/replays").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("sessionId", "version", "passed", "tokens",
                        "wallMs")));
        given().contentType("application/json").body("{\"sessionId\":\"s\",\"version\":1,\"passed\":true,"
                + "\"tokens\":1,\"wallMs\":1,\"surprise\":1}").post("/api/v1/skills/trust-bad-input/replays").then()
                .statusCode(400).body("errors[0].field", equalTo("surprise"));
        given().contentType("application/json").body(Map.of()).post("/api/v1/skills/no-such-skill/replays").then()
                .statusCode(404);
    }
}
