package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.Sampling;
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
import dev.ratchet.runtime.work.Lease;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
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
    static final String GROUP = "ratchet-verifiers";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static TextstatsSample textstats;
    static String step1;

    @Inject
    RedisDataSource redis;

    @Inject
    OwnedWork owned;

    @Inject
    InMemorySpanExporter spans;

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

        StepVerified verified = sendAndAwait(executed, StepVerified.class);
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
                        .containsEntry("message", "step 1/3 \"Add word_count\" attempt 1 verifying on verifier-test")
                        .doesNotContainKey("variant"));
    }

    @Test
    void aFannedOutVariantsProgressLineNamesItsVariantEvenVariantZero() {
        String session = newSession();
        StepExecuted one = executed(session, "s1", 1, textstats.step(0, 0), step1);
        StepExecuted.Payload p = one.payload();
        StepExecuted variant = new StepExecuted(one.eventId(), session, "s1", 1, 0, one.occurredAt(),
                new StepExecuted.Payload(p.work(), p.patch(), p.stats(), p.execution(), null, new Sampling(0.7, 42)));

        sendAndAwait(variant, StepVerified.class);
        assertThat(redis.stream(String.class).xrange(RedisKeys.progress(session), StreamRange.of("-", "+")))
                .singleElement().satisfies(m -> assertThat(m.payload())
                        .containsEntry("type", Progress.STEP_VERIFYING).containsEntry("variant", "0")
                        .containsEntry("message", "step 1/3 \"Add word_count\" attempt 1 variant 0 verifying on "
                                + "verifier-test"));
    }

    @Test
    void anAttemptsTraceGoesThroughEveryCheckIntoTheVerdict() {
        String session = newSession();
        StepExecuted executed = executed(session, "s1", 1, textstats.step(0, 0), step1);

        StepVerified verified = verdict(kafka, owned, executed, kafka.sendTraced(executed, TRACE, "00f067aa0ba902b7"),
                StepVerified.class);

        assertThat(kafka.traceId(Topics.STEPS_VERDICTS, verified)).as("the verdict continues the trace")
                .contains(TRACE);
        SpanData work = span("verifier " + executed.eventType().ceType());
        SpanData check = span("check unit-tests");
        assertThat(work.getAttributes().asMap()).containsEntry(AttributeKey.stringKey(CheckSpans.VERDICT),
                "verified");
        assertThat(check.getParentSpanId()).isEqualTo(work.getSpanId());
        assertThat(check.getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey(CheckSpans.CHECK_NAME), "unit-tests")
                .containsEntry(AttributeKey.stringKey(CheckSpans.CHECK_VERDICT), "passed");
    }

    private SpanData span(String name) {
        return await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name) && s.getTraceId().equals(TRACE)).findFirst().orElse(null),
                s -> s != null);
    }

    @Test
    void failingTestOnTopOfTheChainIsRejectedAtCheck() {
        String session = newSession();
        acceptStep1(session);
        String attempt1 = textstats.diff(List.of(step1), "step2-attempt1.patch");
        StepExecuted executed = executed(session, "s2", 1, textstats.step(1, 1), attempt1);
        StepRejected.Payload p = sendAndAwait(executed, StepRejected.class).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_CHECK);
        assertThat(p.reason()).isEqualTo("check 'unit-tests' failed (exit 1)");
        assertThat(p.patch()).as("the rejected patch, for its diff").isEqualTo(executed.payload().patch());
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
        StepVerified verified = sendAndAwait(executed(session, "s2", 2, textstats.step(1, 1), attempt2),
                StepVerified.class);
        assertThat(verified.attempt()).isEqualTo(2);
        assertThat(verified.payload().checks()).extracting(CheckResult::passed).containsExactly(true);
        assertThat(verified.payload().checks().get(0).outputTail()).contains("Ran 6 tests");
    }

    @Test
    void patchThatDoesNotFitTheStartingStateIsRejectedAtApply() {
        String session = newSession();
        // Step 2's diff is relative to the state after step 1; as step 1 (on the bare base commit) it does not fit.
        String attempt2 = textstats.diff(List.of(step1), "step2-attempt2.patch");
        StepRejected.Payload p = sendAndAwait(executed(session, "s1", 1, textstats.step(0, 0), attempt2),
                StepRejected.class).payload();
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

        StepRejected rejected = sendAndAwait(executed, StepRejected.class);
        assertThat(rejected.eventId()).isEqualTo(StepRejected.of(executed, Instant.now(), null).eventId());
        assertThat(rejected.payload().stage()).isEqualTo(StepRejected.STAGE_EXECUTE);
        assertThat(rejected.payload().reason()).isEqualTo(error);
        assertThat(rejected.payload().checks()).isEmpty();
        assertThat(rejected.payload().execution()).isEqualTo(executed.payload().execution());
        assertThat(rejected.payload().patch()).isNull();
    }

    @Test
    void hangingCheckIsKilledAndRejectedAsTimedOut() {
        String session = newSession(TextstatsSample.UNIT_TESTS, new Check("hangs", "sleep 30", 1),
                new Check("never-run", "echo unreachable", 10));
        StepWork demo = textstats.step(0, 0);
        StepWork work = new StepWork(0, 0, demo.stepCount(), demo.title(), demo.instructions(), demo.goal());

        StepRejected.Payload p = sendAndAwait(executed(session, "s1", 1, work, step1), StepRejected.class).payload();
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

        StepRejected.Payload p = sendAndAwait(executed, StepRejected.class).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_VERIFY);
        assertThat(p.reason()).startsWith("verification failed: no blob " + BlobRef.of(session, step1).sha256());
    }

    @Test
    void missingAcceptedPatchesAreRejectedAtVerify() {
        String session = newSession();
        String attempt2 = textstats.diff(List.of(step1), "step2-attempt2.patch");
        StepRejected.Payload p = sendAndAwait(executed(session, "s2", 1, textstats.step(1, 1), attempt2),
                StepRejected.class).payload();
        assertThat(p.stage()).isEqualTo(StepRejected.STAGE_VERIFY);
        assertThat(p.reason()).startsWith("verification failed:")
                .contains("has 0 accepted patches in Redis, the step needs 1");
    }

    @Test
    void aRedeliveredAttemptGetsTheStoredVerdictAgainWithoutRunningTheChecks() {
        String session = newSession();
        StepExecuted executed = executed(session, "s1", 1, textstats.step(0, 0), step1);
        sendAndAwait(executed, StepVerified.class);

        RecordMetadata again = kafka.send(executed);

        // The same verdict, byte for byte: the checks did not run again (they would give new timings).
        List<ConsumerRecord<String, String>> verdicts = kafka.awaitOutputs(GROUP, again, () -> idle(owned, executed),
                StepVerdict.class, e -> e.sessionId().equals(session), WAIT);
        assertThat(verdicts).hasSize(2);
        KafkaProbe.assertCopies(verdicts);
        assertThat(redis.stream(String.class).xrange(RedisKeys.progress(session), StreamRange.of("-", "+")))
                .as("verified once").hasSize(1);
        assertThat(kafka.records(Topics.deadLetter(Topics.STEPS_EXECUTED)))
                .noneMatch(r -> session.equals(r.key()));
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

    private <T extends StepVerdict> T sendAndAwait(StepExecuted executed, Class<T> type) {
        return verdict(kafka, owned, executed, kafka.send(executed), type);
    }

    /**
     * The verifier's one verdict on {@code executed}, of {@code type}: read once the group has handled the record
     * and the verifier holds no work for it, so that a second verdict written later would be seen.
     */
    static <T extends StepVerdict> T verdict(KafkaProbe kafka, OwnedWork work, StepExecuted executed,
            RecordMetadata sent, Class<T> type) {
        StepVerdict verdict = kafka.awaitExactlyOne(GROUP, sent, () -> idle(work, executed), StepVerdict.class,
                e -> e.sessionId().equals(executed.sessionId()) && e.stepId().equals(executed.stepId())
                        && e.attempt() == executed.attempt(), WAIT);
        assertThat(verdict).as("verdict: %s", verdict).isInstanceOf(type);
        return type.cast(verdict);
    }

    /** True when the verifier holds no lease on {@code executed}: its work on it, if any, is over. */
    static boolean idle(OwnedWork work, StepExecuted executed) {
        String field = Lease.field(ExecutedConsumer.ROLE, executed.eventId());
        return work.inFlight().stream().noneMatch(w -> w.lease().field().equals(field));
    }
}
