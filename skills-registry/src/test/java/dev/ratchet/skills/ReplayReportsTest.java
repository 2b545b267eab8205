package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.Usage;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Replay outcomes learnt from the replayed sessions' own terminal events: a {@code SessionCompleted} with
 * {@code plannedFrom} is a pass, a {@code SessionFailed} with it a failure, each session counted once however often
 * it is delivered; a {@code plannedFrom} that is malformed or names a skill the registry does not hold counts
 * nothing and loses nothing.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class ReplayReportsTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static final Duration WAIT = Duration.ofSeconds(60);

    final KafkaProbe kafka = KafkaProbe.shared();

    static SessionCompleted replayed(String session, String plannedFrom) {
        SessionCompleted.Payload p = Sessions.completed(session, Sessions.REPO, "Replay by events",
                Sessions.check("replay-events-" + session)).payload();
        return SessionCompleted.of(session, Instant.now(),
                new SessionCompleted.Payload(p.repo(), p.goal(), p.baseCommit(), p.steps(), p.checks(), p.guardrails(),
                        new Usage(1000, 200, 500, 400.0), 4000, plannedFrom));
    }

    static SessionFailed failed(String session, String plannedFrom) {
        return SessionFailed.of(session, "s2", 3, Instant.now(), new SessionFailed.Payload(Sessions.REPO,
                "Replay by events", "step 2/3 was rejected 3 times", 1, new Usage(3000, 600, 900, 600.0), 9000L,
                plannedFrom));
    }

    static JsonPath skill(String name) {
        return given().get("/api/v1/skills/" + name).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void terminalEventsOfReplayedSessionsAreCountedOnce() {
        SkillTrustTest.create("replayed-by-events");
        String passed = UUID.randomUUID().toString();
        String failedSession = UUID.randomUUID().toString();

        kafka.send(replayed(passed, "replayed-by-events@1"));
        kafka.send(replayed(passed, "replayed-by-events@1"));
        kafka.send(failed(failedSession, "replayed-by-events@1"));

        await().atMost(WAIT).until(() -> skill("replayed-by-events").getInt("stats.replays") == 2);
        JsonPath skill = skill("replayed-by-events");
        assertThat(skill.getInt("stats.passes")).isEqualTo(1);
        assertThat(skill.getLong("stats.meanTokens")).isEqualTo((1200 + 3600) / 2);
        assertThat(skill.getLong("stats.meanWallMs")).isEqualTo((4000 + 9000) / 2);
        assertThat(skill.getString("status")).isEqualTo("degraded");
    }

    @Test
    void aPlannedFromTheRegistryCannotMatchCountsNothing() {
        SkillTrustTest.create("replayed-never");
        String marker = UUID.randomUUID().toString();

        kafka.send(failed(UUID.randomUUID().toString(), "replayed-never@2"), 0);
        kafka.send(failed(UUID.randomUUID().toString(), "Not A Ref"), 0);
        kafka.send(failed(UUID.randomUUID().toString(), "no-such-skill@1"), 0);
        kafka.send(failed(marker, "replayed-never@1"), 0);

        // One partition is handled in order, so the last event counted means the three before it were handled.
        await().atMost(WAIT).until(() -> skill("replayed-never").getInt("stats.replays") == 1);
        assertThat(skill("replayed-never").getInt("stats.passes")).isZero();
    }
}
