package dev.ratchet.executor.step;

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

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.Sampling;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.model.ModelClients;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.tracing.ModelSpans;
import dev.ratchet.runtime.work.Lease;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TextstatsSample;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The executor carries out step requests of the textstats demo against the real broker, Redis and git. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/executor-test.json"))
class StepExecutionTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String GROUP = "ratchet-executors";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static TextstatsSample textstats;

    @Inject
    RedisDataSource redis;

    @Inject
    dev.ratchet.workspace.Workspaces workspaces;

    @Inject
    OwnedWork work;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ModelClients models;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
    }

    @Test
    void clonesGoUnderTheTempDirByDefault() {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()
                .normalize();
        assertThat(workspaces.root()).isEqualTo(tmp.resolve("ratchet").resolve("executor-test"));
    }

    @Test
    void aStepRequestsTraceGoesThroughTheModelCallIntoTheAnswer() {
        String session = newSession();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());

        StepExecuted executed = answer(kafka, work, request, kafka.sendTraced(request, TRACE, "00f067aa0ba902b7"));

        assertThat(kafka.traceId(Topics.STEPS_EXECUTED, executed)).as("the answer continues the trace")
                .contains(TRACE);
        SpanData model = await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("chat ") && s.getTraceId().equals(TRACE)).findFirst()
                .orElse(null), s -> s != null);
        Usage usage = executed.payload().execution().usage();
        assertThat(usage.tokensIn()).isPositive();
        assertThat(model.getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey(ModelSpans.REQUEST_MODEL), models.config().executor().model())
                .containsEntry(AttributeKey.stringKey(EventSpans.SESSION_ID), session)
                .containsEntry(AttributeKey.stringKey(EventSpans.STEP_ID), "s1")
                .containsEntry(AttributeKey.longKey(EventSpans.VARIANT), 0L)
                .containsEntry(AttributeKey.longKey(ModelSpans.INPUT_TOKENS), (long) usage.tokensIn())
                .containsEntry(AttributeKey.longKey(ModelSpans.OUTPUT_TOKENS), (long) usage.tokensOut());
    }

    @Test
    void firstStepOfTheDemoBecomesAUnifiedDiffThatApplies() {
        String session = newSession();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());
        RecordMetadata sent = kafka.send(request);

        StepExecuted executed = answer(kafka, work, request, sent);
        StepExecuted.Payload p = executed.payload();
        assertThat(executed.eventId()).isEqualTo(StepExecuted.of(request, Instant.now(), p).eventId());
        assertThat(executed.stepId()).isEqualTo("s1");
        assertThat(executed.attempt()).isEqualTo(1);
        assertThat(p.error()).isNull();
        assertThat(p.work()).isEqualTo(request.payload().work());
        String patch = RedisSessions.blob(redis, p.patch());
        assertThat(p.patch().key()).isEqualTo(RedisKeys.blobs(session));
        assertThat(p.patch().matches(patch)).as("the reference's hash and size").isTrue();
        assertThat(patch).startsWith("diff --git ").contains("+def word_count(text):")
                .contains("+class WordCountTest(unittest.TestCase):");
        assertThat(textstats.applyCheck(List.of(), patch)).as("git apply --check on a fresh copy").isEmpty();
        assertThat(p.stats().files()).containsExactlyInAnyOrder("textstats.py", "tests/test_textstats.py");
        assertThat(p.stats().linesAdded()).isGreaterThan(0);
        assertThat(p.stats().linesRemoved()).isEqualTo(1);

        assertThat(p.execution().executor()).isEqualTo("executor-test");
        assertThat(p.execution().model()).startsWith("simulated:");
        assertThat(p.execution().usage().tokensIn()).isGreaterThan(0);
        assertThat(p.execution().usage().tokensOut()).isGreaterThan(0);
        assertThat(p.execution().requestedAt()).isEqualTo(request.occurredAt());
        assertThat(p.execution().startedAt()).isAfterOrEqualTo(request.occurredAt());
        assertThat(p.execution().finishedAt()).isAfterOrEqualTo(p.execution().startedAt());

        ConsumerRecord<String, String> record = kafka.records(Topics.STEPS_EXECUTED).stream()
                .filter(r -> executed.eventId().toString().equals(KafkaProbe.header(r, CloudEventHeaders.ID)
                        .orElse(null)))
                .findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(session);
        assertThat(record.value()).as("the patch stays in Redis").doesNotContain("def word_count")
                .contains(p.patch().sha256());
        KafkaProbe.assertBinaryCloudEvent(record, EventType.STEP_EXECUTED, "/ratchet/executor-service", session);

        await().atMost(WAIT).untilAsserted(() -> {
            List<StreamMessage<String, String, String>> progress = redis.stream(String.class)
                    .xrange(RedisKeys.progress(session), StreamRange.of("-", "+"));
            assertThat(progress).extracting(m -> m.payload().get("type"))
                    .containsExactly(Progress.STEP_STARTED, Progress.STEP_EXECUTED);
            assertThat(progress.get(0).payload().get("message"))
                    .isEqualTo("step 1/3 \"Add word_count\" attempt 1 started on executor-test");
            assertThat(progress.get(1).payload()).containsEntry("stepId", "s1").containsEntry("attempt", "1")
                    .as("a one-variant attempt's lines name no variant").doesNotContainKey("variant");
            assertThat(progress.get(1).payload().get("message")).contains("Add word_count")
                    .contains("executed by executor-test");
        });
        assertThat(RedisSessions.outcome(redis, session, StepConsumer.ROLE, request.eventId()))
                .as("the answer is stored before it is sent").contains(executed.eventId().toString());
        assertThat(redis.hash(String.class).hget(RedisKeys.work(session), "executor:" + request.eventId()))
                .as("the lease names its owner").startsWith("executor-test|");
    }

    @Test
    void aVariantIsSampledWithTheTemperatureSeedAndApproachOfItsRequestAndAnsweredAsThatVariant() {
        String session = newSession();
        Sampling sampling = new Sampling(0.6, 2, "Count words with str.split() and no regular expression");
        StepRequested request = StepRequested.of(session, "s1", 1, 2, Instant.now(), new StepRequested.Payload(
                textstats.step(0, 0), List.of(), TextstatsSample.CONTEXT_BUDGET, sampling));

        StepExecuted executed = answer(kafka, work, request, kafka.send(request));

        assertThat(executed.variant()).isEqualTo(2);
        assertThat(executed.eventId()).isEqualTo(StepExecuted.of(request, Instant.now(), executed.payload())
                .eventId());
        assertThat(executed.payload().error()).isNull();
        assertThat(executed.payload().sampling()).as("so the verifier names the variant").isEqualTo(sampling);
        assertThat(SimulatedModelResource.recentRequests()).filteredOn(body -> body.contains("\"seed\":2"))
                .isNotEmpty().allSatisfy(body -> assertThat(body).contains("\"temperature\":0.6")
                        .contains("Step 1 of 3: Add word_count").contains("Approach for this variant: Count words "
                                + "with str.split() and no regular expression"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(redis.stream(String.class)
                .xrange(RedisKeys.progress(session), StreamRange.of("-", "+"))).hasSize(2)
                .allSatisfy(m -> assertThat(m.payload()).containsEntry("variant", "2")).first()
                .satisfies(m -> assertThat(m.payload().get("message"))
                        .isEqualTo("step 1/3 \"Add word_count\" attempt 1 variant 2 started on executor-test")));
    }

    @Test
    void stepStartsFromTheAcceptedPatchesInRedis() {
        String session = newSession();
        List<String> chain = textstats.chain("step1.patch");
        RedisSessions.accept(redis, session, "s1", chain.get(0));
        StepRequested request = request(session, "s2", 1, textstats.step(1, 1), List.of());

        StepExecuted.Payload p = answer(kafka, work, request, kafka.send(request)).payload();
        assertThat(p.error()).isNull();
        String patch = RedisSessions.blob(redis, p.patch());
        assertThat(patch).contains("+def top_words(text, n):").contains("most_common(n)")
                .as("the diff is relative to the state after step 1, not to the base commit")
                .doesNotContain("+def word_count(text):");
        assertThat(textstats.applyCheck(chain, patch)).as("applies on base + step 1").isEmpty();
        assertThat(textstats.applyCheck(List.of(), patch)).as("does not apply on the bare base").isPresent();
        assertThat(p.stats().files()).containsExactlyInAnyOrder("textstats.py", "tests/test_textstats.py");
    }

    @Test
    void retryShowsTheModelWhyTheEarlierAttemptWasRejected() {
        String session = newSession();
        List<String> chain = textstats.chain("step1.patch");
        RedisSessions.accept(redis, session, "s1", chain.get(0));
        StepRequested request = request(session, "s2", 2, textstats.step(1, 1), List.of(
                "at check: check 'unit-tests' failed (exit 1)\nOutput:\nFAIL: test_ties_are_alphabetical"));

        StepExecuted.Payload p = answer(kafka, work, request, kafka.send(request)).payload();
        assertThat(p.error()).isNull();
        // Only the scenario's "was rejected" rule answers with the fixed top_words.
        String patch = RedisSessions.blob(redis, p.patch());
        assertThat(patch).contains("sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]");
        assertThat(textstats.applyCheck(chain, patch)).isEmpty();
    }

    @Test
    void aRequestAnsweredBeforeGetsTheStoredAnswerAgainWithoutAModelCall() {
        String session = newSession();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());
        answer(kafka, work, request, kafka.send(request));
        long modelCalls = SimulatedModelResource.requestCount();

        RecordMetadata again = kafka.send(request);

        // The same answer again, byte for byte: one event id never carries two contents.
        List<ConsumerRecord<String, String>> answers = kafka.awaitOutputs(GROUP, again, () -> idle(work, request),
                StepExecuted.class, e -> e.sessionId().equals(session), WAIT);
        assertThat(answers).hasSize(2);
        KafkaProbe.assertCopies(answers);
        assertThat(SimulatedModelResource.requestCount()).as("no second model call").isEqualTo(modelCalls);
        assertThat(stepProgress(session, Progress.STEP_STARTED)).isEqualTo(1);
        assertThat(stepProgress(session, Progress.STEP_EXECUTED)).isEqualTo(1);
        assertThat(kafka.records(Topics.deadLetter(Topics.STEPS_REQUESTED)))
                .noneMatch(r -> session.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT).orElse(null)));
    }

    @Test
    void aRequestDeliveredTwiceAtOnceIsExecutedOnce() {
        // As after a kill: the record the dead executor left unacknowledged and the reaper's resend of it reach the
        // same executor together. Its lease lets its owner take it again; the work must not run twice.
        String session = newSession();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());
        long modelCalls = SimulatedModelResource.requestCount();

        kafka.send(request);
        RecordMetadata second = kafka.send(request);
        // Exactly one answer once the group has handled both records and the executor holds no work for it.
        answer(kafka, work, request, second);
        assertThat(stepProgress(session, Progress.STEP_EXECUTED)).as("step.executed entries").isEqualTo(1);

        assertThat(stepProgress(session, Progress.STEP_STARTED)).as("step.started entries").isEqualTo(1);
        assertThat(SimulatedModelResource.requestCount() - modelCalls).as("model calls").isEqualTo(1);
    }

    @Test
    void aRequestRepeatedWhileThisExecutorWorksOnItIsNotStartedAgain() {
        String session = newSession();
        StepRequested request = request(session, "s1", 1, textstats.single("Add word_count while a repeat arrives",
                "In textstats.py add word_count(text), the number of words in text."), List.of());
        long modelCalls = SimulatedModelResource.requestCount();
        kafka.send(request);
        await().atMost(WAIT).until(() -> stepProgress(session, Progress.STEP_STARTED) == 1);

        // The same request again while the model call stalls (15 s): the reaper's re-send after a lease ran out,
        // or the record redelivered after a rebalance. This executor holds the lease itself and is working on it.
        RecordMetadata repeat = kafka.send(request);
        kafka.awaitHandled("ratchet-executors", repeat, WAIT);
        assertThat(stepProgress(session, Progress.STEP_EXECUTED)).as("the first run still waits for the model")
                .isZero();

        answer(kafka, work, request, repeat);
        assertThat(stepProgress(session, Progress.STEP_EXECUTED)).as("executed once").isEqualTo(1);
        assertThat(stepProgress(session, Progress.STEP_STARTED)).as("started once").isEqualTo(1);
        assertThat(SimulatedModelResource.requestCount() - modelCalls).as("model calls").isEqualTo(1);
    }

    @Test
    void aRequestSomeoneElseHoldsTheLeaseOnIsLeftToThem() {
        String session = newSession();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());
        long farAway = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
        redis.hash(String.class).hset(RedisKeys.work(session), "executor:" + request.eventId(),
                "executor-elsewhere|" + farAway);
        long modelCalls = SimulatedModelResource.requestCount();

        RecordMetadata sent = kafka.send(request);

        assertThat(kafka.awaitOutputs(GROUP, sent, () -> idle(work, request), StepExecuted.class,
                e -> e.sessionId().equals(session), WAIT)).isEmpty();
        assertThat(SimulatedModelResource.requestCount()).isEqualTo(modelCalls);
        assertThat(redis.hash(String.class).hget(RedisKeys.work(session), "executor:" + request.eventId()))
                .startsWith("executor-elsewhere|");
    }

    @Test
    void aRequestForASessionRedisDoesNotHaveIsSkippedNotDeadLettered() {
        String session = UUID.randomUUID().toString();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());

        RecordMetadata sent = kafka.send(request);

        assertThat(kafka.awaitOutputs(GROUP, sent, () -> idle(work, request), StepExecuted.class,
                e -> e.sessionId().equals(session), WAIT)).isEmpty();
        assertThat(redis.key().exists(RedisKeys.work(session))).as("nothing written for it").isFalse();
        assertThat(kafka.records(Topics.deadLetter(Topics.STEPS_REQUESTED)))
                .noneMatch(r -> session.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT).orElse(null)));
    }

    private String newSession() {
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, textstats.session(session));
        return session;
    }

    private long stepProgress(String session, String type) {
        return redis.stream(String.class).xrange(RedisKeys.progress(session), StreamRange.of("-", "+")).stream()
                .filter(m -> type.equals(m.payload().get("type"))).count();
    }

    static StepRequested request(String session, String stepId, int attempt, StepWork work, List<String> feedback) {
        return StepRequested.of(session, stepId, attempt, 0, Instant.now(),
                new StepRequested.Payload(work, feedback, TextstatsSample.CONTEXT_BUDGET));
    }

    /**
     * The executor's one answer to {@code request}: read once the group has handled the record and the executor
     * holds no work for it, so that a second answer written later would be seen.
     */
    static StepExecuted answer(KafkaProbe kafka, OwnedWork work, StepRequested request, RecordMetadata sent) {
        return kafka.awaitExactlyOne(GROUP, sent, () -> idle(work, request), StepExecuted.class,
                e -> e.sessionId().equals(request.sessionId()) && e.stepId().equals(request.stepId())
                        && e.attempt() == request.attempt(), WAIT);
    }

    /** True when the executor holds no lease on {@code request}: its work on it, if any, is over. */
    static boolean idle(OwnedWork work, StepRequested request) {
        String field = Lease.field(StepConsumer.ROLE, request.eventId());
        return work.inFlight().stream().noneMatch(w -> w.lease().field().equals(field));
    }
}
