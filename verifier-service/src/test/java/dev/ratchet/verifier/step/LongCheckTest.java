package dev.ratchet.verifier.step;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A check that runs longer than the consumer's acknowledgement limit used to stop the verifier for good (the
 * throttled commit strategy failed the channel after 60 s and liveness went DOWN). Here the limit is 2 s and the
 * check runs until the test lets it finish: the record is acknowledged once the work's lease is taken, the channel
 * keeps consuming (a quick attempt sent meanwhile is verified), liveness stays UP, and the long check still gets
 * its verdict.
 */
@QuarkusTest
@TestProfile(LongCheckTest.LowAcknowledgementLimit.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class LongCheckTest {

    static final Duration WAIT = Attempts.WAIT;
    static TextstatsSample textstats;
    static String step1;

    @Inject
    RedisDataSource redis;

    @Inject
    OwnedWork owned;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
        step1 = textstats.chain("step1.patch").get(0);
    }

    @Test
    void aCheckLongerThanTheAcknowledgementLimitLeavesTheConsumerWorking() throws IOException {
        // Checks run sandboxed with a /tmp of their own: the signal lives where they can see it (read-only).
        Path signals = Files.createTempDirectory(Path.of("/var/tmp"), "long-check-");
        Files.setPosixFilePermissions(signals, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path finish = signals.resolve("finish");
        StepWork demo = textstats.step(0, 0);
        Check slowSuite = new Check("slow-suite", "while [ ! -e '" + finish + "' ]; do sleep 0.2; done; "
                + "echo suite done", 120);
        StepExecuted slowAttempt = executed(demo, slowSuite);
        RecordMetadata slowSent = kafka.send(slowAttempt);
        String slowSession = slowAttempt.sessionId();

        // the slow attempt is being verified (its progress line is written when the work starts)
        await().atMost(WAIT).until(() -> redis.stream(String.class).xlen(RedisKeys.progress(slowSession)) == 1);
        StepExecuted quickAttempt = executed(demo);

        StepVerified quick = verified(quickAttempt, kafka.send(quickAttempt));
        assertThat(kafka.events(StepVerified.class, e -> e.sessionId().equals(slowSession)))
                .as("the quick attempt was verified while the slow check still ran").isEmpty();
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Files.createFile(finish);

        StepVerified slowVerdict = verified(slowAttempt, slowSent);
        assertThat(slowVerdict.payload().checks()).singleElement()
                .satisfies(c -> assertThat(c.outputTail()).contains("suite done"));
        assertThat(quick.payload().checks()).isNotEmpty();
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // and the channel still takes new work after the long one
        StepExecuted later = executed(demo);
        verified(later, kafka.send(later));
    }

    /** An executed attempt of a session whose checks are {@code checks} (the sample's tests when none). */
    private StepExecuted executed(StepWork work, Check... checks) {
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, Attempts.planned(textstats, session, checks));
        StepRequested request = StepVerificationTest.request(session, "s1", 1, work);
        return StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(work,
                RedisSessions.store(redis, session, step1), DiffStats.of(step1),
                StepVerificationTest.execution(request), null));
    }

    private StepVerified verified(StepExecuted executed, RecordMetadata sent) {
        return StepVerificationTest.verdict(kafka, owned, executed, sent, StepVerified.class);
    }

    public static class LowAcknowledgementLimit implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.steps-executed.throttled.unprocessed-record-max-age.ms", "2000");
        }
    }
}
