package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.ratchet.core.event.StepRequested;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A trusted skill whose plan cannot run in this session (it names a file the base commit does not have and a check
 * the session does not run) is not replayed: the planner model plans the session, and PROGRESS.md says why, each
 * problem by field. The registry is a JDK HTTP server answering its search as the registry would.
 */
@QuarkusTest
@TestProfile(SkillPlanChecksTest.Registry.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class SkillPlanChecksTest {

    /** The registry's answer: a trusted, well-scoring match whose one step is scoped for another repository. */
    static final String MATCH = """
            {"goal": "Add word statistics to textstats", "mode": "hybrid", "matches": [{"name": "add-word-statistics",
             "version": 2, "status": "trusted", "autoApply": true, "score": 0.97,
             "steps": [{"id": "s1", "title": "Add word_count to wordstats.py",
              "instructions": "In wordstats.py add word_count.", "files": ["wordstats.py"], "checks": ["lint"]}]}]}
            """;

    public static class Registry implements QuarkusTestProfile {

        static final HttpServer SERVER = start();

        private static HttpServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
                server.createContext("/api/v1/skills/search", exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        byte[] body = MATCH.getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                });
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.planner.skills.url", "http://127.0.0.1:" + SERVER.getAddress().getPort(),
                    // a loaded machine answers slowly; the default 2 s would make the match a timeout, not a refusal
                    "ratchet.planner.skills.timeout", "30s");
        }
    }

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    @Test
    void aTrustedSkillWhosePlanCannotRunHereIsNotReplayedAndProgressSaysWhy() {
        String id = driver.start();

        StepRequested first = driver.firstRequest(id, redis);

        assertThat(first.payload().work().title()).isNotEqualTo("Add word_count to wordstats.py");
        given().get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("plannedFrom", nullValue());
        given().get("/api/v1/sessions/" + id + "/files/PROGRESS.md").then().statusCode(200)
                .body(containsString("skill add-word-statistics@2 not replayed, its plan cannot run in this session "
                        + "(2 problems): steps[0].files[0]: \"wordstats.py\" does not exist at the base commit and no "
                        + "earlier step creates it; list it in newFiles if this step does; steps[0].checks[0]: "
                        + "\"lint\" is not one of the session's checks [unit-tests]; the planner model plans it"))
                .body(containsString("plan ready: "));
    }
}
