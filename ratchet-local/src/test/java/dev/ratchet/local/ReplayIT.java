package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

/**
 * Skill replay on the whole cluster as `./ratchet demo --scenario replay` runs it: the second session is planned
 * from the trusted skill with no planner-model request (counted by the simulated model server), the registry
 * counts the replay, and a skill degraded by failing replays is not applied again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    static LocalCluster cluster;
    static LocalLayout layout;
    static ReplayDemo.Result replay;

    @BeforeAll
    static void startCluster() {
        layout = LocalLayout.fromEnvironment();
        cluster = LocalCluster.start(layout, LocalCluster.Options.defaults()
                .withState(layout.stateDir().resolve("replay-it"), true), line -> { });
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theReplayedSessionCallsNoPlannerModelAndCompletes() {
        List<String> lines = new ArrayList<>();

        replay = ReplayDemo.run(cluster, layout, lines::add);

        assertThat(replay.first().result().status()).isEqualTo("COMPLETED");
        assertThat(replay.first().plannerCalls()).isEqualTo(1);
        assertThat(replay.first().plannerTokens()).isPositive();
        assertThat(replay.first().plannedFrom()).isNull();
        assertThat(replay.second().result().status()).isEqualTo("COMPLETED");
        assertThat(replay.second().result().verifiedSteps()).isEqualTo(3);
        assertThat(replay.second().plannerCalls()).isZero();
        assertThat(replay.second().plannerTokens()).isZero();
        assertThat(replay.second().plannedFrom()).isEqualTo(replay.skill() + "@1");
        assertThat(replay.replayed()).isTrue();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("session " + replay.second().result().sessionId()
                + " COMPLETED: 3/3 steps verified (planned from " + replay.skill() + "@1, 0 planner calls)");
        assertThat(lines).anyMatch(l -> l.startsWith("trusted: " + replay.skill() + " is trusted by a person's "
                + "approval, POST "));
        assertThat(replay.second().result().session().path("plan")).hasSize(3);
        assertThat(replay.first().planningMs()).isPositive();
        assertThat(lines).anyMatch(l -> l.startsWith("session 2: planner model 0 calls, 0 planner tokens; planning "));
    }

    @Test
    @Order(2)
    void theRegistryCountedTheReplayAsAPass() throws Exception {
        JsonNode skill = get("/api/v1/skills/" + replay.skill());

        assertThat(skill.path("status").asText()).isEqualTo("trusted");
        JsonNode stats = skill.path("stats");
        assertThat(stats.path("replays").asInt()).isEqualTo(1);
        assertThat(stats.path("passes").asInt()).isEqualTo(1);
        assertThat(stats.path("passRate").asDouble()).isEqualTo(1.0);
        assertThat(stats.path("meanTokens").asLong()).isEqualTo(replay.second().result().session().path("usage")
                .path("tokensIn").asLong() + replay.second().result().session().path("usage").path("tokensOut")
                .asLong());
        assertThat(stats.path("meanWallMs").asLong()).isPositive();
        // the replayed session is captured too, into the same skill
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/skills/" + replay.skill()).path("stats")
                .path("captures").asInt() == 2);
        assertThat(get("/api/v1/skills").path("items")).hasSize(1);
    }

    @Test
    @Order(3)
    void aDegradedSkillIsNotAppliedAndThePlannerModelPlansAgain() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> failed = post("/api/v1/skills/" + replay.skill() + "/replays", Json.write(
                    Map.of("sessionId", UUID.randomUUID().toString(), "version", 1, "passed", false,
                            "tokens", 5000, "wallMs", 9000, "reason", "step 1 was rejected 3 times")));
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
        }
        JsonNode skill = get("/api/v1/skills/" + replay.skill());
        assertThat(skill.path("status").asText()).isEqualTo("degraded");
        assertThat(skill.path("statusReason").asText()).contains("of the last 3 replays passed");
        long plannerBefore = cluster.modelUsage("planner").requests();

        Demo.Result third = Demo.session(layout, cluster.planner(), Demo.GOAL, line -> { });

        assertThat(third.status()).isEqualTo("COMPLETED");
        assertThat(third.session().path("plannedFrom").isTextual()).isFalse();
        assertThat(cluster.modelUsage("planner").requests() - plannerBefore).isEqualTo(1);
        assertThat(get("/api/v1/skills/" + replay.skill()).path("stats").path("replays").asInt()).isEqualTo(3);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(cluster.skills().request(path).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), JsonNode.class);
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(cluster.skills().request(path)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
