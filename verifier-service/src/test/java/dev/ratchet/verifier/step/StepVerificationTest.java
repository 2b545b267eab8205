package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The verifier applies each executed attempt to the step's starting state (base commit + the session's accepted
 * patches in Redis), runs the checks for real, and sends one verdict per attempt.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class StepVerificationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
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

    @Test
    void correctFirstStepIsVerified() {
        String session = newSession();
        StepExecuted executed = executed(session, "s1", 1, textstats.step(0, 0), step1);
        kafka.send(executed);

        StepVerified verified = awaitVerdict(session, StepVerified.class);
        assertThat(verified.eventId()).isEqualTo(StepVerified.of(executed, Instant.now(), null).eventId());
        assertThat(verified.stepId()).isEqualTo("s1");
        assertThat(verified.attempt()).isEqualTo(1);
        StepVerified.Payload p = verified.payload();
        assertThat(p.patch()).as("the same stored patch").isEqualTo(executed.payload().patch());
        assertThat(RedisSessions.blob(redis, p.patch())).isEqualTo(step1);
        assertThat(p.stats()).isEqualTo(executed.payload().stats());
        assertThat(p.checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("unit-tests");
            assertThat(c.command()).isEqualTo(TextstatsSample.UNIT_TESTS.command());
            assertThat(c.exitCode()).isZero();
            assertThat(c.passed()).isTrue();
            assertThat(c.timedOut()).isFalse();
            assertThat(c.outputTail()).contains("Ran 4 tests").contains("OK");
            assertThat(c.isolation()).isIn("bubblewrap", "unshare", "none");
            assertThat(RedisSessions.blob(redis, c.output())).as("the whole output, a blob of the session")
                    .contains("Ran 4 tests");
        });
        assertThat(p.execution()).isEqualTo(executed.payload().execution());
        assertThat(p.verification().verifier()).isEqualTo("verifier-test");
        assertThat(p.verification().finishedAt()).isAfterOrEqualTo(p.verification().startedAt());

        ConsumerRecord<String, String> record = kafka.records(Topics.STEPS_VERDICTS).stream()
                .filter(r -> verified.eventId().toString().equals(KafkaProbe.header(r, CloudEventHeaders.ID)
                        .orElse(null)))
                .findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(session);
        KafkaProbe.assertBinaryCloudEvent(record, EventType.STEP_VERIFIED, "/ratchet/verifier-service", session);
        assertThat(RedisSessions.outcome(redis, session, ExecutedConsumer.ROLE, executed.eventId()))
                .as("the verdict is stored before it is sent").contains(verified.eventId().toString());
        assertThat(redis.stream(String.class).xrange(RedisKeys.progress(session), StreamRange.of("-", "+")))
                .singleElement().satisfies(m -> assertThat(m.payload())
                        .containsEntry("type", Progress.STEP_VERIFYING)
                        .containsEntry("message", "step 1/3 \"Add word_count\" attempt 1 verifying on verifier-test"));
    }

    @Test
    void failingTestOnTopOfTheChainIsRejectedAtCheck() {
        String session = newSession();
        acceptStep1(session);
        String attempt1 = textstats.diff(List.of(step1), "step2-attempt1.patch");
        kafka.send(executed(session, "s2", 1, textstats.step(1, 1), attempt1));

        StepRejected.Payload p = awaitVerdict(session, StepRejected.class).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_CHECK);
        assertThat(p.reason()).isEqualTo("check 'unit-tests' failed (exit 1)");
        assertThat(p.outputTail()).contains("FAIL: test_ties_are_alphabetical").contains("FAILED (failures=1)");
        assertThat(p.checks()).singleElement().satisfies(c -> {
            assertThat(c.exitCode()).isEqualTo(1);
            assertThat(c.passed()).isFalse();
            assertThat(c.timedOut()).isFalse();
        });
        assertThat(p.verification().verifier()).isEqualTo("verifier-test");
    }

    @Test
    void fixedRetryOnTopOfTheChainIsVerified() {
        String session = newSession();
        acceptStep1(session);
        String attempt2 = textstats.diff(List.of(step1), "step2-attempt2.patch");
        kafka.send(executed(session, "s2", 2, textstats.step(1, 1), attempt2));

        StepVerified verified = awaitVerdict(session, StepVerified.class);
        assertThat(verified.attempt()).isEqualTo(2);
        assertThat(verified.payload().checks()).extracting(CheckResult::passed).containsExactly(true);
        assertThat(verified.payload().checks().get(0).outputTail()).contains("Ran 6 tests");
    }

    @Test
    void patchThatDoesNotFitTheStartingStateIsRejectedAtApply() {
        String session = newSession();
        // Step 2's diff is relative to the state after step 1; as step 1 (on the bare base commit) it does not fit.
        String attempt2 = textstats.diff(List.of(step1), "step2-attempt2.patch");
        kafka.send(executed(session, "s1", 1, textstats.step(0, 0), attempt2));

        StepRejected.Payload p = awaitVerdict(session, StepRejected.class).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_APPLY);
        assertThat(p.reason()).isEqualTo("the patch does not apply to the step's starting state");
        assertThat(p.outputTail()).contains("textstats.py");
        assertThat(p.checks()).isEmpty();
    }

    @Test
    void executorErrorIsRejectedAtExecute() {
        String session = newSession();
        String error = "the executor model's answer is not a valid apply_patch patch: no '*** Begin Patch' ... "
                + "'*** End Patch' envelope in the answer";
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0));
        StepExecuted executed = StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(
                request.payload().work(), null, PatchStats.EMPTY, execution(request), error));
        kafka.send(executed);

        StepRejected rejected = awaitVerdict(session, StepRejected.class);
        assertThat(rejected.eventId()).isEqualTo(StepRejected.of(executed, Instant.now(), null).eventId());
        assertThat(rejected.payload().stage()).isEqualTo(StepRejected.STAGE_EXECUTE);
        assertThat(rejected.payload().reason()).isEqualTo(error);
        assertThat(rejected.payload().checks()).isEmpty();
        assertThat(rejected.payload().execution()).isEqualTo(executed.payload().execution());
    }

    @Test
    void hangingCheckIsKilledAndRejectedAsTimedOut() {
        String session = newSession(TextstatsSample.UNIT_TESTS, new Check("hangs", "sleep 30", 1),
                new Check("never-run", "echo unreachable", 10));
        StepWork demo = textstats.step(0, 0);
        StepWork work = new StepWork(0, 0, demo.stepCount(), demo.title(), demo.instructions(), demo.goal());
        kafka.send(executed(session, "s1", 1, work, step1));

        StepRejected.Payload p = await().atMost(Duration.ofSeconds(15)).until(
                () -> kafka.events(StepRejected.class, e -> e.sessionId().equals(session)),
                events -> events.size() == 1).get(0).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_CHECK);
        assertThat(p.reason()).startsWith("check 'hangs' timed out after");
        assertThat(p.checks()).extracting(CheckResult::name).as("checks stop at the first failure")
                .containsExactly("unit-tests", "hangs");
        CheckResult hang = p.checks().get(1);
        assertThat(hang.timedOut()).isTrue();
        assertThat(hang.passed()).isFalse();
        assertThat(hang.durationMs()).as("killed at its timeout, not before").isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void aPatchRedisDoesNotHaveIsRejectedAtVerify() {
        String session = newSession();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0));
        StepExecuted executed = StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(
                request.payload().work(), BlobRef.of(session, step1), DiffStats.of(step1), execution(request),
                null));
        kafka.send(executed);

        StepRejected.Payload p = awaitVerdict(session, StepRejected.class).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_VERIFY);
        assertThat(p.reason()).startsWith("verification failed: no blob " + BlobRef.of(session, step1).sha256());
    }

    @Test
    void missingAcceptedPatchesAreRejectedAtVerify() {
        String session = newSession();
        String attempt2 = textstats.diff(List.of(step1), "step2-attempt2.patch");
        kafka.send(executed(session, "s2", 1, textstats.step(1, 1), attempt2));

        StepRejected.Payload p = awaitVerdict(session, StepRejected.class).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_VERIFY);
        assertThat(p.reason()).startsWith("verification failed:")
                .contains("has 0 accepted patches in Redis, the step needs 1");
    }

    @Test
    void aRedeliveredAttemptGetsTheStoredVerdictAgainWithoutRunningTheChecks() {
        String session = newSession();
        StepExecuted executed = executed(session, "s1", 1, textstats.step(0, 0), step1);
        kafka.send(executed);
        StepVerified verified = awaitVerdict(session, StepVerified.class);

        kafka.send(executed);
        ConsumerRecord<String, String> redelivered = await().atMost(WAIT).until(
                () -> records(Topics.STEPS_EXECUTED, executed.eventId()), records -> records.size() == 2).get(1);
        kafka.awaitHandled("ratchet-verifiers", redelivered, WAIT);

        // The same verdict, byte for byte: the checks did not run again (they would give new timings).
        List<ConsumerRecord<String, String>> verdicts = await().atMost(WAIT).until(
                () -> records(Topics.STEPS_VERDICTS, verified.eventId()), records -> records.size() == 2);
        assertThat(verdicts.get(1).value()).isEqualTo(verdicts.get(0).value());
        assertThat(kafka.events(StepRejected.class, e -> e.sessionId().equals(session))).isEmpty();
        assertThat(redis.stream(String.class).xrange(RedisKeys.progress(session), StreamRange.of("-", "+")))
                .as("verified once").hasSize(1);
        assertThat(kafka.records(Topics.deadLetter(Topics.STEPS_EXECUTED)))
                .noneMatch(r -> session.equals(r.key()));
    }

    private List<ConsumerRecord<String, String>> records(String topic, UUID eventId) {
        return kafka.records(topic).stream()
                .filter(r -> eventId.toString().equals(KafkaProbe.header(r, CloudEventHeaders.ID).orElse(null)))
                .toList();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheVerifierCarriesOn() {
        String session = newSession();
        StepExecuted valid = executed(session, "s1", 1, textstats.step(0, 0), step1);

        // 1. CloudEvents headers of an executed attempt, but the data is not JSON.
        StepExecuted garbled = executed(session, "s1", 2, textstats.step(0, 0), step1);
        kafka.sendRaw(Topics.STEPS_EXECUTED, session + "/garbage", "{\"eventId\": " + session,
                ceHeaders(garbled.eventId(), session, garbled.eventType().ceType()));
        // 2. The JSON of an executed attempt without any ce_ header.
        StepExecuted headerless = executed(session, "s1", 3, textstats.step(0, 0), step1);
        kafka.sendRaw(Topics.STEPS_EXECUTED, session + "/headerless", EventCodec.encode(headerless), Map.of());
        // 3. A well-formed verdict, but on the executed topic (a verifier must not verify its own verdicts).
        StepRejected misrouted = StepRejected.of(valid, Instant.now(), new StepRejected.Payload(
                StepRejected.STAGE_CHECK, "not for the verifier", null, List.of(), null, null));
        kafka.sendRaw(Topics.STEPS_EXECUTED, session + "/misrouted", EventCodec.encode(misrouted),
                ceHeaders(misrouted.eventId(), session, misrouted.eventType().ceType()));
        // 4. A type nobody knows.
        kafka.sendRaw(Topics.STEPS_EXECUTED, session + "/unknown", EventCodec.encode(valid),
                ceHeaders(valid.eventId(), session, "dev.ratchet.step.executed.v9"));

        kafka.send(valid);

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, ConsumerRecord<String, String>> dead = new HashMap<>();
            kafka.records(Topics.deadLetter(Topics.STEPS_EXECUTED)).stream()
                    .filter(r -> r.key() != null && r.key().startsWith(session + "/"))
                    .forEach(r -> dead.put(r.key().substring(session.length() + 1), r));
            assertThat(dead).containsOnlyKeys("garbage", "headerless", "misrouted", "unknown");
            assertThat(reason(dead.get("garbage"))).startsWith("invalid dev.ratchet.step.executed.v2 data");
            assertThat(reason(dead.get("headerless")))
                    .isEqualTo("missing header ce_specversion: not a binary-mode CloudEvent");
            assertThat(reason(dead.get("misrouted")))
                    .isEqualTo("dev.ratchet.step.rejected.v1 does not belong on " + Topics.STEPS_EXECUTED);
            assertThat(reason(dead.get("unknown"))).isEqualTo("unknown event type 'dev.ratchet.step.executed.v9'");
            assertThat(KafkaProbe.header(dead.get("misrouted"), "dead-letter-topic")).contains(Topics.STEPS_EXECUTED);
        });

        StepVerified verified = awaitVerdict(session, StepVerified.class);
        assertThat(verified.eventId()).isEqualTo(StepVerified.of(valid, Instant.now(), null).eventId());
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return KafkaProbe.header(record, "dead-letter-reason").orElse(null);
    }

    private static Map<String, String> ceHeaders(UUID id, String session, String ceType) {
        return Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, id.toString(),
                CloudEventHeaders.TYPE, ceType,
                CloudEventHeaders.SOURCE, "/ratchet/tests",
                CloudEventHeaders.SUBJECT, session,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    void acceptStep1(String session) {
        RedisSessions.accept(redis, session, "s1", step1);
    }

    /** A session on the sample, stored as the planner would; the verifier runs its checks (the sample's tests). */
    String newSession(Check... checks) {
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, Attempts.planned(textstats, session, checks));
        return session;
    }

    static StepRequested request(String session, String stepId, int attempt, StepWork work) {
        return Attempts.request(session, stepId, attempt, work);
    }

    static Execution execution(StepRequested request) {
        return Attempts.execution(request);
    }

    /** What an executor sends for an attempt that produced {@code patch} (stored in Redis as it would be). */
    StepExecuted executed(String session, String stepId, int attempt, StepWork work, String patch) {
        StepRequested request = request(session, stepId, attempt, work);
        return StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(work,
                RedisSessions.store(redis, session, patch), DiffStats.of(patch), execution(request), null));
    }

    private <T extends StepVerdict> T awaitVerdict(String session, Class<T> type) {
        await().atMost(WAIT).until(() -> !kafka.events(StepVerified.class, e -> e.sessionId().equals(session))
                .isEmpty() || !kafka.events(StepRejected.class, e -> e.sessionId().equals(session)).isEmpty());
        List<StepVerified> verified = kafka.events(StepVerified.class, e -> e.sessionId().equals(session));
        List<StepRejected> rejected = kafka.events(StepRejected.class, e -> e.sessionId().equals(session));
        assertThat(verified.size() + rejected.size()).as("verdicts for the attempt").isEqualTo(1);
        List<? extends StepVerdict> verdicts = verified.isEmpty() ? rejected : verified;
        assertThat(verdicts.get(0)).as("verdict: %s", verdicts.get(0)).isInstanceOf(type);
        return type.cast(verdicts.get(0));
    }
}
