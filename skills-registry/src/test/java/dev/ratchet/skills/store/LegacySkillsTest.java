package dev.ratchet.skills.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.auth.Role;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A skill stored by the first registry (as a Redis kept across an upgrade holds it) becomes version 1. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class LegacySkillsTest {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    private static final String NAME = "add-word-statistics-8a2ec40e";
    private static final String SKILL_MD = "---\nname: " + NAME + "\ndescription: Add word statistics. Replays 3 "
            + "verified steps captured by Ratchet.\nmetadata:\n  ratchet-session: 8a2ec40e-0000\n---\n\n# Add\n";

    @Inject
    RedisDataSource redis;

    @Inject
    LegacySkills legacy;

    @Test
    void aSkillOfTheFirstRegistryBecomesVersionOne() {
        redis.hash(String.class).hset(RedisKeys.skill(NAME), Map.of("name", NAME, "description", "Add word "
                + "statistics.", "skillMd", SKILL_MD, "sessionId", "8a2ec40e-0000", "repo", "/tmp/textstats",
                "steps", "3", "capturedAt", "2025-03-01T10:00:00Z"));
        redis.sortedSet(String.class).zadd(RedisKeys.SKILLS, 1740823200000.0, NAME);

        legacy.migrate(null);
        legacy.migrate(null);

        given().get("/api/v1/skills/" + NAME).then().statusCode(403);
        // A skill of the first registry has no team: only admin keys reach it.
        TestKeys.use(TestKeys.issue(redis, TestKeys.TEAM, Role.ADMIN));
        given().get("/api/v1/skills/" + NAME).then().statusCode(200)
                .body("latest", equalTo(1)).body("status", equalTo("candidate"))
                .body("sourceSession", equalTo("8a2ec40e-0000")).body("createdAt", equalTo("2025-03-01T10:00:00Z"));
        assertThat(given().get("/api/v1/skills/" + NAME + "/SKILL.md").then().statusCode(200).extract().asString())
                .isEqualTo(SKILL_MD);
        assertThat(redis.hash(String.class).hget(RedisKeys.skill(NAME), "skillMd")).isNull();
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.SKILLS, NAME)).hasValue(0.0);
    }
}
