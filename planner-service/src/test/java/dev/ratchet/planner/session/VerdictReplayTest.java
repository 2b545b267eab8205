package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.Meters;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The planner's replay paths, past the processed marker: a verdict whose marker was lost is applied once and only
 * its follow-up is sent again, unchanged; two verdicts for one attempt that read the same session version (held
 * there by pausing Redis writes until both wait inside their {@code MULTI}) leave one decision through the
 * transaction's conflict and retry, whether they disagree or are the same verdict twice.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class VerdictReplayTest {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    /** Held by the test, so that no reaper pass writes to Redis (or opens a transaction) while writes are paused. */
    static final String REAPER_HOLDER = "verdict-replay-test";
    /**
     * How long Redis writes stay paused at most: under the Redis client's command timeout (40 s in the test
     * settings), after which a blocked transaction would fail instead of conflicting.
     */
    static final Duration PAUSE = Duration.ofSeconds(30);

    static SessionDriver driver;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @BeforeEach
    void holdTheReaper() {
        redis.value(String.class).set(RedisKeys.REAPER_LOCK, REAPER_HOLDER, new SetArgs().ex(Duration.ofMinutes(5)));
    }

    @AfterEach
    void releaseTheReaper() {
        redis.key().del(RedisKeys.REAPER_LOCK);
    }

    @Test
    void aVerifiedVerdictWhoseMarkerWasLostIsAppliedOnceAndItsRequestSentAgainUnchanged() {
        String id = driver.start();
        StepVerified verified = SessionDriver.verified(driver.firstRequest(id, redis), "patch-1");
        StepRequested second = driver.requestAfter(kafka.send(verified), id, "s2", 1);
        Stored before = stored(id);
        Map<String, Double> outcomes = outcomes();

        forgetHandled(verified);
        RecordMetadata again = kafka.send(verified);

        List<ConsumerRecord<String, String>> requests = outputs(again, StepRequested.class,
                SessionDriver.matching(id, "s2", 1));
        assertThat(requests).as("the original request and its replay").hasSize(2);
        KafkaProbe.assertCopies(requests);
        assertThat(KafkaProbe.decode(requests.get(1)).eventId()).as("the original id").isEqualTo(second.eventId());
        assertThat(stored(id)).as("nothing stored: no second patch, no new version or progress").isEqualTo(before);
        assertThat(handled(verified)).isTrue();
        assertThat(delta(outcomes, outcomes())).isEqualTo(Map.of("replayed", 1.0));
    }

    @Test
    void aRejectedVerdictWhoseMarkerWasLostSendsTheNextAttemptAgainUnchanged() {
        String id = driver.start();
        StepRejected rejected = SessionDriver.rejected(driver.firstRequest(id, redis), "check failed", "FAIL");
        driver.requestAfter(kafka.send(rejected), id, "s1", 2);
        Stored before = stored(id);

        forgetHandled(rejected);
        List<ConsumerRecord<String, String>> requests = outputs(kafka.send(rejected), StepRequested.class,
                SessionDriver.matching(id, "s1", 2));

        assertThat(requests).hasSize(2);
        KafkaProbe.assertCopies(requests);
        assertThat(stored(id)).isEqualTo(before);
        assertThat(kafka.events(StepRequested.class, SessionDriver.matching(id, "s1", 3))).isEmpty();
    }

    @Test
    void theLastVerdictWhoseMarkerWasLostSendsTheCompletionAgainUnchanged() {
        String id = driver.start();
        StepRequested s1 = driver.firstRequest(id, redis);
        StepRequested s2 = driver.requestAfter(kafka.send(SessionDriver.verified(s1, "patch-1")), id, "s2", 1);
        StepRequested s3 = driver.requestAfter(kafka.send(SessionDriver.verified(s2, "patch-2")), id, "s3", 1);
        StepVerified last = SessionDriver.verified(s3, "patch-3");
        kafka.awaitExactlyOne(SessionDriver.GROUP, kafka.send(last), SessionCompleted.class,
                e -> e.sessionId().equals(id), SessionDriver.WAIT);
        Stored before = stored(id);

        forgetHandled(last);
        List<ConsumerRecord<String, String>> completions = outputs(kafka.send(last), SessionCompleted.class,
                e -> e.sessionId().equals(id));

        assertThat(completions).hasSize(2);
        KafkaProbe.assertCopies(completions);
        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void aVerifiedAndARejectedVerdictForOneAttemptAtTheSameVersionLeaveOneDecision() {
        String id = driver.start();
        StepRequested first = driver.firstRequest(id, redis);
        Stored before = stored(id);
        Map<String, Double> outcomes = outcomes();

        List<RecordMetadata> sent = atTheSameVersion(List.of(SessionDriver.verified(first, "patch-1"),
                SessionDriver.rejected(first, "check failed", "FAIL")));

        List<ConsumerRecord<String, String>> next = outputs(sent.get(1), StepRequested.class,
                e -> e.sessionId().equals(id) && !(e.stepId().equals("s1") && e.attempt() == 1));
        assertThat(next).as("one follow-up: step 2 or attempt 2, never both").hasSize(1);
        assertThat(delta(outcomes, outcomes())).as("one applied, the other retried on the new version")
                .isEqualTo(Map.of("applied", 1.0, "ignored", 1.0));
        Stored after = stored(id);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        if (KafkaProbe.decode(next.get(0)).stepId().equals("s2")) {
            assertThat(after.patches()).isEqualTo(1);
            assertThat(after.progress()).containsOnlyOnce(Progress.STEP_VERIFIED)
                    .doesNotContain(Progress.STEP_REJECTED);
        } else {
            assertThat(after.patches()).isZero();
            assertThat(after.progress()).containsOnlyOnce(Progress.STEP_REJECTED)
                    .doesNotContain(Progress.STEP_VERIFIED);
        }
    }

    @Test
    void aDuplicateVerdictHandledWhileTheFirstIsAppliedChangesNothing() {
        String id = driver.start();
        StepVerified verified = SessionDriver.verified(driver.firstRequest(id, redis), "patch-1");
        Stored before = stored(id);
        Map<String, Double> outcomes = outcomes();

        List<RecordMetadata> sent = atTheSameVersion(List.of(verified, verified));

        List<ConsumerRecord<String, String>> requests = outputs(sent.get(1), StepRequested.class,
                SessionDriver.matching(id, "s2", 1));
        assertThat(delta(outcomes, outcomes())).as("one applied, the other retried and found it decided")
                .isEqualTo(Map.of("applied", 1.0, "replayed", 1.0));
        assertThat(requests).as("the follow-up and its replay").hasSize(2);
        KafkaProbe.assertCopies(requests);
        Stored after = stored(id);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.patches()).isEqualTo(1);
        assertThat(after.progress()).containsOnlyOnce(Progress.STEP_VERIFIED);
    }

    /**
     * Sends the verdicts while Redis refuses writes, waits until the planner handles each inside its own
     * {@code MULTI} (having read the session and watched it: blocked, flags {@code xb} in {@code CLIENT LIST}),
     * then lets writes go: all of them read one version, one commits, the others' transactions are discarded.
     */
    private List<RecordMetadata> atTheSameVersion(List<? extends StepVerdict> verdicts) {
        List<RecordMetadata> sent = new ArrayList<>();
        redis.execute("CLIENT", "PAUSE", Long.toString(PAUSE.toMillis()), "WRITE");
        try {
            verdicts.forEach(v -> sent.add(kafka.send(v)));
            await().atMost(PAUSE.minusSeconds(5)).until(() -> inBlockedTransactions() >= verdicts.size());
            assertThat(inBlockedTransactions()).as("connections waiting inside MULTI").isEqualTo(verdicts.size());
        } finally {
            redis.execute("CLIENT", "UNPAUSE");
        }
        return sent;
    }

    private long inBlockedTransactions() {
        return redis.execute("CLIENT", "LIST").toString().lines()
                .map(line -> line.replaceFirst(".* flags=(\\S+) .*", "$1"))
                .filter(flags -> flags.contains("x") && flags.contains("b")).count();
    }

    private <T extends RatchetEvent> List<ConsumerRecord<String, String>> outputs(RecordMetadata verdict,
            Class<T> type, Predicate<? super T> matching) {
        return kafka.awaitOutputs(SessionDriver.GROUP, verdict, () -> true, type, matching, SessionDriver.WAIT);
    }

    /** What the planner stored about a session: version, accepted patches, progress entry types. */
    record Stored(long version, long patches, List<String> progress) {
    }

    private Stored stored(String id) {
        return new Stored(Long.parseLong(redis.hash(String.class).hget(RedisKeys.session(id), "version")),
                redis.list(String.class).llen(RedisKeys.patches(id)),
                redis.stream(String.class).xrange(RedisKeys.progress(id), StreamRange.of("-", "+")).stream()
                        .map(m -> m.payload().get("type")).toList());
    }

    private void forgetHandled(StepVerdict verdict) {
        assertThat(handled(verdict)).as("marked handled").isTrue();
        redis.key().del(RedisKeys.processed("planner", verdict.eventId().toString()));
    }

    private boolean handled(StepVerdict verdict) {
        return redis.key().exists(RedisKeys.processed("planner", verdict.eventId().toString()));
    }

    /** The planner's verdict outcomes so far, from {@code ratchet_planner_verdicts_total}. */
    private static Map<String, Double> outcomes() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> byOutcome = new TreeMap<>();
        Meters.find(scrape, "ratchet_planner_verdicts_total", Map.of())
                .forEach(s -> byOutcome.put(s.labels().get("outcome"), s.value()));
        return byOutcome;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> changed = new TreeMap<>();
        after.forEach((outcome, value) -> {
            double d = value - before.getOrDefault(outcome, 0.0);
            if (d != 0) {
                changed.put(outcome, d);
            }
        });
        return changed;
    }
}
