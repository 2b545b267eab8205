package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.PoisonRecordsContract;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Poison lifecycle events are dead-lettered and skill capture carries on with the next completed session. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class PoisonLifecycleTest extends PoisonRecordsContract {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    @Inject
    RedisDataSource redis;

    @Override
    protected String topic() {
        return Topics.SESSIONS_EVENTS;
    }

    @Override
    protected String group() {
        return SkillCaptureTest.GROUP;
    }

    @Override
    protected RatchetEvent validInput(String session) {
        return Sessions.owned(redis, Sessions.completed(session, Sessions.DEMO_GOAL));
    }

    /** A step request: a well-formed event of the executors' topic. */
    @Override
    protected RatchetEvent misrouted(RatchetEvent valid) {
        StepWork work = new StepWork(0, 0, 1, "Add word_count",
                "Add word_count(text).", Sessions.DEMO_GOAL);
        return StepRequested.of(valid.sessionId(), "s1", 1, 0, Instant.now(),
                new StepRequested.Payload(work, List.of(), 8000));
    }

    @Override
    protected void assertHandled(RatchetEvent valid, RecordMetadata sent) {
        // Captured: the session is recorded against a skill (a new one, or the demo's skill it folds into).
        String name = await().atMost(WAIT).until(
                () -> redis.hash(String.class).hget(RedisKeys.SKILL_SESSIONS, valid.sessionId()), n -> n != null);
        given().get("/api/v1/skills/" + name).then().statusCode(200).body("name", equalTo(name));
    }
}
