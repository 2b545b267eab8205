package dev.ratchet.executor.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
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
    static TextstatsSample textstats;

    @Inject
    RedisDataSource redis;

    @Inject
    dev.ratchet.workspace.Workspaces workspaces;

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
    void firstStepOfTheDemoBecomesAUnifiedDiffThatApplies() {
        String session = UUID.randomUUID().toString();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());
        kafka.send(request);

        StepExecuted executed = awaitExecuted(session, request);
        StepExecuted.Payload p = executed.payload();
        assertThat(executed.eventId()).isEqualTo(StepExecuted.of(request, Instant.now(), p).eventId());
        assertThat(executed.stepId()).isEqualTo("s1");
        assertThat(executed.attempt()).isEqualTo(1);
        assertThat(p.error()).isNull();
        assertThat(p.work()).isEqualTo(request.payload().work());
        assertThat(p.patch()).startsWith("diff --git ").contains("+def word_count(text):")
                .contains("+class WordCountTest(unittest.TestCase):");
        assertThat(textstats.applyCheck(List.of(), p.patch())).as("git apply --check on a fresh copy").isEmpty();
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
        KafkaProbe.assertBinaryCloudEvent(record, EventType.STEP_EXECUTED, "/ratchet/executor-service", session);

        await().atMost(WAIT).untilAsserted(() -> {
            List<StreamMessage<String, String, String>> progress = redis.stream(String.class)
                    .xrange(RedisKeys.progress(session), StreamRange.of("-", "+"));
            assertThat(progress).hasSize(1);
            assertThat(progress.get(0).payload()).containsEntry("type", Progress.STEP_EXECUTED)
                    .containsEntry("stepId", "s1").containsEntry("attempt", "1");
            assertThat(progress.get(0).payload().get("message")).contains("Add word_count")
                    .contains("executed by executor-test");
            assertThat(redis.key().exists(RedisKeys.processed(StepConsumer.CONSUMER,
                    request.eventId().toString()))).isTrue();
        });
        assertThat(redis.key().ttl(RedisKeys.processed(StepConsumer.CONSUMER, request.eventId().toString())))
                .as("the processed marker expires").isPositive();
    }

    @Test
    void stepStartsFromTheAcceptedPatchesInRedis() {
        String session = UUID.randomUUID().toString();
        List<String> chain = textstats.chain("step1.patch");
        redis.list(String.class).rpush(RedisKeys.patches(session), Json.write(new AcceptedPatch("s1", 1, 0,
                chain.get(0))));
        StepRequested request = request(session, "s2", 1, textstats.step(1, 1), List.of());
        kafka.send(request);

        StepExecuted.Payload p = awaitExecuted(session, request).payload();
        assertThat(p.error()).isNull();
        assertThat(p.patch()).contains("+def top_words(text, n):").contains("most_common(n)")
                .as("the diff is relative to the state after step 1, not to the base commit")
                .doesNotContain("+def word_count(text):");
        assertThat(textstats.applyCheck(chain, p.patch())).as("applies on base + step 1").isEmpty();
        assertThat(textstats.applyCheck(List.of(), p.patch())).as("does not apply on the bare base").isPresent();
        assertThat(p.stats().files()).containsExactlyInAnyOrder("textstats.py", "tests/test_textstats.py");
    }

    @Test
    void retryShowsTheModelWhyTheEarlierAttemptWasRejected() {
        String session = UUID.randomUUID().toString();
        List<String> chain = textstats.chain("step1.patch");
        redis.list(String.class).rpush(RedisKeys.patches(session), Json.write(new AcceptedPatch("s1", 1, 0,
                chain.get(0))));
        StepRequested request = request(session, "s2", 2, textstats.step(1, 1), List.of(
                "at check: check 'unit-tests' failed (exit 1)\nOutput:\nFAIL: test_ties_are_alphabetical"));
        kafka.send(request);

        StepExecuted.Payload p = awaitExecuted(session, request).payload();
        assertThat(p.error()).isNull();
        // Only the scenario's "was rejected" rule answers with the fixed top_words.
        assertThat(p.patch()).contains("sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]");
        assertThat(textstats.applyCheck(chain, p.patch())).isEmpty();
    }

    @Test
    void redeliveredRequestIsNotExecutedAgain() {
        String session = UUID.randomUUID().toString();
        StepRequested request = request(session, "s1", 1, textstats.step(0, 0), List.of());
        kafka.send(request);
        awaitExecuted(session, request);
        await().atMost(WAIT).until(() -> redis.key().exists(RedisKeys.processed(StepConsumer.CONSUMER,
                request.eventId().toString())));

        kafka.send(request);
        ConsumerRecord<String, String> redelivered = await().atMost(WAIT).until(
                () -> requestRecords(request), records -> records.size() == 2).get(1);
        kafka.awaitHandled("ratchet-executors", redelivered, WAIT);

        assertThat(kafka.events(StepExecuted.class, e -> e.sessionId().equals(session))).hasSize(1);
        assertThat(redis.stream(String.class).xrange(RedisKeys.progress(session), StreamRange.of("-", "+")))
                .as("one progress entry").hasSize(1);
        assertThat(kafka.records(Topics.deadLetter(Topics.STEPS_REQUESTED)))
                .noneMatch(r -> session.equals(KafkaProbe.header(r, CloudEventHeaders.SUBJECT).orElse(null)));
    }

    private List<ConsumerRecord<String, String>> requestRecords(StepRequested request) {
        return kafka.records(Topics.STEPS_REQUESTED).stream()
                .filter(r -> request.eventId().toString().equals(KafkaProbe.header(r, CloudEventHeaders.ID)
                        .orElse(null)))
                .toList();
    }

    static StepRequested request(String session, String stepId, int attempt, StepWork work, List<String> feedback) {
        return StepRequested.of(session, stepId, attempt, 0, Instant.now(),
                new StepRequested.Payload(work, feedback, TextstatsSample.CONTEXT_BUDGET));
    }

    private StepExecuted awaitExecuted(String session, StepRequested request) {
        return await().atMost(WAIT).until(() -> kafka.events(StepExecuted.class,
                e -> e.sessionId().equals(session) && e.stepId().equals(request.stepId())
                        && e.attempt() == request.attempt()),
                events -> events.size() == 1).get(0);
    }
}
