package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An identical tree is never checked twice: a second session whose step produces the same tree gets the first
 * one's results from the verification cache in Redis, marked cached, without starting a process (its output is
 * the first run's, clock reading included).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class VerifyCacheTest {

    static TextstatsSample textstats;
    static String step1;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
        step1 = textstats.chain("step1.patch").get(0);
    }

    private StepVerified verify(String patch, Check check) {
        Attempts attempts = new Attempts(redis, kafka, textstats);
        String session = attempts.session(check);
        attempts.send(session, 0, patch, 0, "executor-1");
        return (StepVerified) attempts.verdict(session);
    }

    @Test
    void theSameTreeCommandAndEnvironmentIsAHitInAnySession() {
        Check clock = new Check("clock", "date +%s%N", 30);
        CheckResult first = verify(step1, clock).payload().checks().get(0);
        String ranAt = RedisSessions.blob(redis, first.output());

        CheckResult second = verify(step1, clock).payload().checks().get(0);

        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.passed()).isTrue();
        assertThat(second.isolation()).isEqualTo(first.isolation());
        assertThat(second.output().key()).as("stored again for the second session").isNotEqualTo(
                first.output().key());
        assertThat(RedisSessions.blob(redis, second.output())).as("the first run's output: no process ran")
                .isEqualTo(ranAt);
        // other tests share this Redis: the entry is the one holding this run's clock reading
        List<String> keys = redis.key().keys("ratchet:verify-cache:*").stream()
                .filter(k -> redis.value(String.class).get(k).contains(ranAt.strip())).toList();
        assertThat(keys).hasSize(1);
        long ttl = redis.key().ttl(keys.get(0));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofDays(7).toSeconds());
    }
}
