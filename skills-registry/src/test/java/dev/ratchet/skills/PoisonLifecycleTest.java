package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.producer.RecordMetadata;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.PoisonRecordsContract;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Poison lifecycle events are dead-lettered and skill capture carries on with the next completed session. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class PoisonLifecycleTest extends PoisonRecordsContract {

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
        return Sessions.completed(session, SkillCaptureTest.GOAL);
    }

    /** A step request: a well-formed event of the executors' topic. */
    @Override
    protected RatchetEvent misrouted(RatchetEvent valid) {
        StepWork work = new StepWork(0, 0, 1, "Add word_count",
                "Add word_count(text).", SkillCaptureTest.GOAL);
        return StepRequested.of(valid.sessionId(), "s1", 1, 0, Instant.now(),
                new StepRequested.Payload(work, List.of(), 8000));
    }

    @Override
    protected void assertHandled(RatchetEvent valid, RecordMetadata sent) {
        String name = Sessions.skillName(SkillCaptureTest.SLUG, valid.sessionId());
        given().get("/api/v1/skills/" + name).then().statusCode(200).body("sessionId", equalTo(valid.sessionId()));
    }
}
