package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.skill.search.Vectors;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Search over the API: the labelled skills ranked for a person's query with scores and reasons, their embeddings in
 * Redis beside them, and the planner's question (a goal) answered with the plan a captured skill gives.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SkillSearchTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void uploadTheLabelledSkills() throws IOException {
        TestKeys.authorize(redis);
        for (Path folder : LabelledSkills.skills()) {
            SkillUploadTest.upload("text/markdown", Files.readAllBytes(folder.resolve("SKILL.md")));
        }
    }

    @Test
    void aQueryFindsTheSkillWithScoresAndWhy() {
        given().queryParam("q", "the build is flaky, a test fails at random in CI").queryParam("limit", 3)
                .get("/api/v1/skills/search").then().statusCode(200)
                .body("mode", equalTo("hybrid"))
                .body("hits[0].name", equalTo("fix-flaky-test"))
                .body("hits[0].version", equalTo(1))
                .body("hits[0].status", equalTo("candidate"))
                .body("hits[0].score", greaterThan(0.3f))
                .body("hits[0].semantic", greaterThan(0.3f))
                .body("hits[0].matched", equalTo(List.of("flaky", "test", "fail", "random", "ci")))
                .body("hits[0].why", startsWith("5 of 6 query words (flaky, test, fail, random, ci); meaning 0."))
                .body("hits.size()", equalTo(3));
    }

    @Test
    void embeddingsAreStoredBesideEachSkill() {
        given().queryParam("q", "cache").get("/api/v1/skills/search").then().statusCode(200);

        String json = redis.value(String.class).get(RedisKeys.skillEmbedding("add-caching-layer"));
        Map<?, ?> stored = Json.read(json, Map.class);
        assertThat(stored.get("model")).isEqualTo("all-minilm-l6-v2-q");
        assertThat(Vectors.decode((String) stored.get("vector"))).hasSize(384);
    }

    @Test
    void badQueriesAreProblems() {
        given().get("/api/v1/skills/search").then().statusCode(400).body("errors[0].field", equalTo("q"));
        given().queryParam("q", "x").queryParam("limit", 0).get("/api/v1/skills/search").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().contentType("application/json").body(Map.of("repo", "/x")).post("/api/v1/skills/search").then()
                .statusCode(400).body("errors[0].field", equalTo("goal"));
    }

    @Test
    void thePlannersQuestionGetsThePlanForItsGoal() {
        String session = UUID.randomUUID().toString();
        KafkaProbe.shared().send(Sessions.owned(redis, Sessions.completed(session, "/home/dev/textstats",
                Sessions.DEMO_GOAL, Sessions.check("matches"))));
        String name = await().atMost(Duration.ofSeconds(60)).until(() -> redis.hash(String.class)
                .hget(RedisKeys.SKILL_SESSIONS, session), n -> n != null);
        String goal = "Add word statistics to wordy: char_count, rare_words and a command-line entry point";

        Map<String, Object> request = Map.of("goal", goal, "repo", "/home/dev/wordy", "files",
                List.of("textstats.py", "README.md"), "limit", 50);
        List<Map<String, Object>> matches = given().contentType("application/json").body(request)
                .post("/api/v1/skills/search").then().statusCode(200).body("goal", equalTo(goal))
                .extract().path("matches");

        Map<String, Object> match = matches.stream().filter(m -> name.equals(m.get("name"))).findFirst()
                .orElseThrow();
        assertThat(match).containsEntry("version", 1).containsEntry("status", "candidate")
                .containsEntry("autoApply", false).containsEntry("goalMatched", true)
                .containsEntry("relevance", 1.0f).containsEntry("repoFit", 0.5f).containsEntry("score", 0.75f)
                .containsEntry("boundParameters", List.of("project", "symbol1", "symbol2"));
        @SuppressWarnings("unchecked")
        Map<String, String> parameters = (Map<String, String>) match.get("parameters");
        assertThat(parameters).containsEntry("project", "wordy")
                .containsEntry("symbol1", "char_count").containsEntry("file1", "textstats.py");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> steps = (List<Map<String, String>>) match.get("steps");
        assertThat(steps).extracting(s -> s.get("title")).containsExactly("Add char_count", "Add rare_words",
                "Add a command-line entry point");
        assertThat(steps.get(0).get("instructions")).startsWith("In textstats.py add char_count(text)");
        assertThat((String) match.get("why")).startsWith("the goal follows the skill's goal template; ")
                .endsWith("; the repository has 50 % of the plan's files");
        assertThat(matches).extracting(m -> m.get("name")).as("only skills with a Ratchet plan")
                .doesNotContain("fix-flaky-test");

        for (int i = 0; i < 3; i++) {
            SkillTrustTest.replay(name, true, 100, 100);
        }
        given().contentType("application/json").body(request).post("/api/v1/skills/search").then().statusCode(200)
                .body("matches.find { it.name == '" + name + "' }.autoApply", equalTo(true))
                .body("matches.find { it.name == '" + name + "' }.status", equalTo("trusted"));
    }
}
