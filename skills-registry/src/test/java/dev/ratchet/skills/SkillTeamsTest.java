package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.auth.Role;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Skills are their team's: an uploaded skill is the uploader's team's, a captured one the completed session's team's
 * (as the planner stored it); another team's member key gets 403 on it, does not list or find it, cannot publish a
 * version of it, and its sessions never fold into it. Admin keys reach every team's.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SkillTeamsTest {

    static final String OTHER = "elsewhere";

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    private static void upload(String name, int status) {
        SkillUploadTest.upload("text/markdown", SkillUploadTest.skillMd(name, "Owned by a team.")
                .getBytes(StandardCharsets.UTF_8)).statusCode(status);
    }

    @Test
    void anUploadedSkillIsTheUploadersTeamsAndAnotherTeamMayNeitherReadNorChangeIt() {
        upload("owned-by-test", 201);
        assertThat(redis.hash(String.class).hget(RedisKeys.skill("owned-by-test"), "team")).isEqualTo(TestKeys.TEAM);

        TestKeys.authorize(redis, OTHER);
        for (String path : List.of("", "/SKILL.md", "/archive")) {
            given().get("/api/v1/skills/owned-by-test" + path).then().statusCode(403)
                    .body("detail", equalTo("skill owned-by-test belongs to another team than elsewhere's"));
        }
        given().post("/api/v1/skills/owned-by-test/trust").then().statusCode(403);
        given().delete("/api/v1/skills/owned-by-test/trust").then().statusCode(403);
        given().delete("/api/v1/skills/owned-by-test").then().statusCode(403);
        given().contentType("application/json").body(Map.of("sessionId", "s", "version", 1, "passed", true,
                "tokens", 1, "wallMs", 1)).post("/api/v1/skills/owned-by-test/replays").then().statusCode(403);
        upload("owned-by-test", 403);
        given().queryParam("q", "owned-by-test").get("/api/v1/skills").then().statusCode(200)
                .body("items.name", not(hasItem("owned-by-test")));
        given().queryParam("q", "owned by a team").get("/api/v1/skills/search").then().statusCode(200)
                .body("hits.name", not(hasItem("owned-by-test")));

        TestKeys.use(TestKeys.issue(redis, OTHER, Role.ADMIN));
        given().get("/api/v1/skills/owned-by-test").then().statusCode(200).body("name", equalTo("owned-by-test"));
        assertThat(redis.hash(String.class).hget(RedisKeys.skill("owned-by-test"), "latest"))
                .as("the refused upload wrote nothing").isEqualTo("1");
    }

    @Test
    void aCapturedSkillIsTheSessionsTeamsAndTeamsNeverFoldIntoEachOthersSkills() {
        String theirs = UUID.randomUUID().toString();
        String ours = UUID.randomUUID().toString();
        SessionCompleted theirCompletion = Sessions.completed(theirs, "/srv/elsewhere/textstats", Sessions.DEMO_GOAL,
                Sessions.check("teams"));
        redis.hash(String.class).hset(RedisKeys.session(theirs), RedisKeys.SESSION_TEAM, OTHER);
        KafkaProbe.shared().send(theirCompletion);
        String theirSkill = skillOf(theirs);
        KafkaProbe.shared().send(Sessions.owned(redis, Sessions.completed(ours, "/home/dev/textstats",
                Sessions.DEMO_GOAL, Sessions.check("teams"))));
        String ourSkill = skillOf(ours);

        assertThat(ourSkill).as("the same plan, another team: a skill of its own").isNotEqualTo(theirSkill);
        assertThat(redis.hash(String.class).hget(RedisKeys.skill(theirSkill), "team")).isEqualTo(OTHER);
        assertThat(redis.hash(String.class).hget(RedisKeys.skill(ourSkill), "team")).isEqualTo(TestKeys.TEAM);
        given().get("/api/v1/skills/" + theirSkill).then().statusCode(403);
        given().get("/api/v1/skills/" + ourSkill).then().statusCode(200);
    }

    @Test
    void thePlannersQuestionMatchesOnlyTheNamedTeamsSkills() {
        String theirs = UUID.randomUUID().toString();
        redis.hash(String.class).hset(RedisKeys.session(theirs), RedisKeys.SESSION_TEAM, OTHER);
        KafkaProbe.shared().send(Sessions.completed(theirs, "/srv/elsewhere/wordy", Sessions.DEMO_GOAL,
                Sessions.check("planner-question")));
        String theirSkill = skillOf(theirs);
        Map<String, Object> question = Map.of("goal", Sessions.DEMO_GOAL, "limit", 50, "team", OTHER);

        given().contentType("application/json").body(question).post("/api/v1/skills/search").then()
                .statusCode(403);
        given().contentType("application/json").body(Map.of("goal", Sessions.DEMO_GOAL, "team", "x".repeat(5000)))
                .post("/api/v1/skills/search").then().statusCode(400).body("errors[0].field", equalTo("team"));
        given().contentType("application/json").body(Map.of("goal", Sessions.DEMO_GOAL, "limit", 50)).post(
                "/api/v1/skills/search").then().statusCode(200).body("matches.name",
                        not(hasItem(theirSkill)));
        TestKeys.use(TestKeys.issue(redis, TestKeys.TEAM, Role.ADMIN));
        List<String> names = given().contentType("application/json").body(question).post("/api/v1/skills/search")
                .then().statusCode(200).extract().path("matches.name");
        assertThat(names).contains(theirSkill);
        assertThat(names).allSatisfy(n -> assertThat(redis.hash(String.class).hget(RedisKeys.skill(n), "team"))
                .isEqualTo(OTHER));
    }

    private String skillOf(String session) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> redis.hash(String.class)
                .hget(RedisKeys.SKILL_SESSIONS, session), n -> n != null);
    }
}
