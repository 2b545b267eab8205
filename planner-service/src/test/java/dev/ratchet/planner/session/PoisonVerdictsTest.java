package dev.ratchet.planner.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.PoisonRecordsContract;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Poison verdicts are dead-lettered, a verdict for a session the planner does not have among them, and the planner
 * carries on with the next verdict.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class PoisonVerdictsTest extends PoisonRecordsContract {

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

    @Override
    protected String topic() {
        return Topics.STEPS_VERDICTS;
    }

    @Override
    protected String group() {
        return SessionDriver.GROUP;
    }

    /** The first step's verdict of a session the planner created (sessions are created over the API). */
    @Override
    protected RatchetEvent validInput(String unused) {
        String id = driver.start();
        return SessionDriver.verified(driver.firstRequest(id, redis), "patch-1");
    }

    /** A step request: the planner's own output. */
    @Override
    protected RatchetEvent misrouted(RatchetEvent valid) {
        return driver.awaitRequest(valid.sessionId(), "s1", 1);
    }

    @Override
    protected Map<String, Poison> ownPoison(RatchetEvent valid) {
        StepRequested request = driver.awaitRequest(valid.sessionId(), "s1", 1);
        StepVerified forUnknownSession = SessionDriver.verified(StepRequested.of("no-such-session", "s1", 1, 0,
                Instant.now(), request.payload()), "patch");
        return Map.of("unknown-session", Poison.of(forUnknownSession, Map.of(), "verdict "
                + forUnknownSession.eventId() + " is for an unknown session no-such-session"));
    }

    @Override
    protected void assertHandled(RatchetEvent valid, RecordMetadata sent) {
        StepRequested next = driver.requestAfter(sent, valid.sessionId(), "s2", 1);
        assertThat(next.payload().work().acceptedPatches()).isEqualTo(1);
        assertThat(redis.list(String.class).llen(RedisKeys.patches(valid.sessionId()))).isEqualTo(1);
    }
}
