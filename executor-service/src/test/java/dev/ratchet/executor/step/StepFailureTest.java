package dev.ratchet.executor.step;

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

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.SimulatedModelResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What goes wrong in execution (a useless answer, a model that is down, a missing patch chain) becomes the attempt's
 * {@code error}, for the verifier to reject with; only records that can never be processed go to the dead-letter
 * topic, and the executor carries on after them.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(value = SimulatedModelResource.class, initArgs = @ResourceArg(name = "scenario",
        value = "classpath:/scenarios/executor-test.json"))
class StepFailureTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String DLQ = Topics.deadLetter(Topics.STEPS_REQUESTED);
    static TextstatsSample textstats;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
    }

    @Test
    void answerThatIsNotAPatchBecomesAnError() {
        String session = newSession();
        StepRequested request = StepExecutionTest.request(session, "s1", 1,
                textstats.single("Explain word_count", "Add word_count(text) to textstats.py."), List.of());
        kafka.send(request);

        StepExecuted.Payload p = awaitExecuted(session).payload();
        assertThat(p.error()).startsWith("the executor model's answer holds no edit and it changed no file: no edit "
                + "in the answer: write an apply_patch envelope ('*** Begin Patch'");
        assertThat(p.patch()).isNull();
        assertThat(p.stats()).isEqualTo(PatchStats.EMPTY);
        assertThat(p.execution().model()).as("the model did answer").startsWith("simulated:");
        assertThat(p.execution().usage().tokensOut()).isGreaterThan(0);
        assertProgressAndNoDeadLetter(session, request);
    }

    @Test
    void modelFailingOnEveryTryBecomesAnErrorAfterTheConfiguredRetries() {
        String session = newSession();
        StepRequested request = StepExecutionTest.request(session, "s1", 1,
                textstats.single("Add word_count during an outage", "Add word_count(text) to textstats.py."),
                List.of());
        kafka.send(request);

        StepExecuted.Payload p = awaitExecuted(session).payload();
        assertThat(p.error()).contains("executor model").contains("failed after 2 attempts")
                .contains("HTTP 500").contains("the model backend is down");
        assertThat(p.patch()).isNull();
        assertThat(p.stats()).isEqualTo(PatchStats.EMPTY);
        assertThat(p.execution().executor()).isEqualTo("executor-test");
        assertThat(p.execution().model()).as("no answer: the configured model").isEqualTo("gpt-5.3-codex-spark");
        assertThat(p.execution().usage()).isEqualTo(Usage.NONE);
        assertProgressAndNoDeadLetter(session, request);
    }

    @Test
    void patchThatChangesNothingBecomesAnError() {
        String session = newSession();
        StepRequested request = StepExecutionTest.request(session, "s1", 1,
                textstats.single("Tidy words", "Tidy up words() in textstats.py."), List.of());
        kafka.send(request);

        StepExecuted.Payload p = awaitExecuted(session).payload();
        assertThat(p.error()).isEqualTo("the patch changes nothing");
        assertThat(p.patch()).isNull();
        assertThat(p.stats()).isEqualTo(PatchStats.EMPTY);
        assertProgressAndNoDeadLetter(session, request);
    }

    /** A model without tool calling is told why its patch did not apply, turn after turn, up to maxTurns. */
    @Test
    void patchThatDoesNotFitTheFilesBecomesAnError() {
        String session = newSession();
        StepRequested request = StepExecutionTest.request(session, "s1", 1,
                textstats.single("Edit the stats module", "Import sys in the stats module."), List.of());
        kafka.send(request);

        StepExecuted.Payload p = awaitExecuted(session).payload();
        assertThat(p.error()).isEqualTo("the executor model did not finish the step within 8 turns (the session's "
                + "maxTurns); its last error: the patch does not fit the files; nothing was written:\n"
                + "*** Update File: stats.py does not exist");
        assertThat(p.execution().context().turns()).isEqualTo(8);
        assertThat(SimulatedModelResource.recentRequests()).filteredOn(b -> b.contains("Edit the stats module"))
                .hasSize(8).last().asString().contains("Your patch was not applied: the patch does not fit the files");
        assertThat(p.patch()).isNull();
        assertProgressAndNoDeadLetter(session, request);
    }

    @Test
    void missingAcceptedPatchesBecomeAnError() {
        String session = newSession();
        StepRequested request = StepExecutionTest.request(session, "s2", 1, textstats.step(1, 1), List.of());
        kafka.send(request);

        StepExecuted.Payload p = awaitExecuted(session).payload();
        assertThat(p.error()).contains("has 0 accepted patches in Redis, the step needs 1");
        assertThat(p.patch()).isNull();
        assertProgressAndNoDeadLetter(session, request);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheExecutorCarriesOn() {
        String session = newSession();
        StepRequested valid = StepExecutionTest.request(session, "s1", 1, textstats.step(0, 0), List.of());

        // 1. CloudEvents headers of a step request, but the data is not JSON.
        StepRequested garbled = StepExecutionTest.request(session, "s1", 2, textstats.step(0, 0), List.of());
        kafka.sendRaw(Topics.STEPS_REQUESTED, session + "/garbage", "garbage {" + session,
                ceHeaders(garbled, garbled.eventType().ceType()));
        // 2. A step request's JSON without any ce_ header: not a binary-mode CloudEvent.
        StepRequested headerless = StepExecutionTest.request(session, "s1", 3, textstats.step(0, 0), List.of());
        kafka.sendRaw(Topics.STEPS_REQUESTED, session + "/headerless", EventCodec.encode(headerless), Map.of());
        // 3. A well-formed StepExecuted, but on the requests topic.
        StepExecuted misrouted = StepExecuted.of(valid, Instant.now(), new StepExecuted.Payload(
                valid.payload().work(), null, PatchStats.EMPTY, null, "not for the executor"));
        kafka.sendRaw(Topics.STEPS_REQUESTED, session + "/misrouted", EventCodec.encode(misrouted),
                ceHeaders(misrouted, misrouted.eventType().ceType()));
        // 4. Headers and data disagree on the event id.
        StepRequested mismatched = StepExecutionTest.request(session, "s1", 4, textstats.step(0, 0), List.of());
        Map<String, String> wrongId = new HashMap<>(ceHeaders(mismatched, mismatched.eventType().ceType()));
        wrongId.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        kafka.sendRaw(Topics.STEPS_REQUESTED, session + "/mismatched", EventCodec.encode(mismatched), wrongId);

        kafka.send(valid);

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, ConsumerRecord<String, String>> dead = new HashMap<>();
            kafka.records(DLQ).stream().filter(r -> r.key() != null && r.key().startsWith(session + "/"))
                    .forEach(r -> dead.put(r.key().substring(session.length() + 1), r));
            assertThat(dead).containsOnlyKeys("garbage", "headerless", "misrouted", "mismatched");
            assertThat(reason(dead.get("garbage"))).startsWith("invalid dev.ratchet.step.requested.v2 data");
            assertThat(reason(dead.get("headerless"))).isEqualTo(
                    "missing header ce_specversion: not a binary-mode CloudEvent");
            assertThat(reason(dead.get("misrouted"))).isEqualTo(
                    "dev.ratchet.step.executed.v2 does not belong on " + Topics.STEPS_REQUESTED);
            assertThat(reason(dead.get("mismatched"))).contains("does not match data eventId "
                    + mismatched.eventId());
            assertThat(dead.get("garbage").value()).isEqualTo("garbage {" + session);
            assertThat(KafkaProbe.header(dead.get("garbage"), "dead-letter-topic")).contains(Topics.STEPS_REQUESTED);
        });

        StepExecuted executed = awaitExecuted(session);
        assertThat(executed.attempt()).isEqualTo(1);
        assertThat(executed.payload().error()).isNull();
        assertThat(textstats.applyCheck(List.of(), RedisSessions.blob(redis, executed.payload().patch()))).isEmpty();
    }

    @Test
    void requestWithoutPayloadIsPoison() {
        String session = UUID.randomUUID().toString();
        StepRequested empty = new StepRequested(UUID.randomUUID(), session, "s1", 1, 0, Instant.now(), null);
        kafka.sendRaw(Topics.STEPS_REQUESTED, session + "/no-payload", EventCodec.encode(empty),
                ceHeaders(empty, empty.eventType().ceType()));

        ConsumerRecord<String, String> dead = await().atMost(WAIT).until(() -> kafka.records(DLQ).stream()
                .filter(r -> (session + "/no-payload").equals(r.key())).toList(), r -> r.size() == 1).get(0);
        assertThat(KafkaProbe.header(dead, "dead-letter-exception-class-name"))
                .contains("dev.ratchet.core.event.PoisonEventException");
        assertThat(reason(dead)).contains("payload");
        assertThat(kafka.events(StepExecuted.class, e -> e.sessionId().equals(session))).isEmpty();
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return KafkaProbe.header(record, "dead-letter-reason").orElse(null);
    }

    private static Map<String, String> ceHeaders(RatchetEvent event, String ceType) {
        return Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, event.eventId().toString(),
                CloudEventHeaders.TYPE, ceType,
                CloudEventHeaders.SOURCE, "/ratchet/tests",
                CloudEventHeaders.SUBJECT, event.sessionId(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    private void assertProgressAndNoDeadLetter(String session, StepRequested request) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(redis.stream(String.class).xrange(RedisKeys.progress(session), StreamRange.of("-", "+")))
                    .filteredOn(m -> Progress.STEP_EXECUTED.equals(m.payload().get("type")))
                    .singleElement().satisfies(m -> assertThat(m.payload())
                            .hasEntrySatisfying("message", msg -> assertThat(msg).contains("without a patch")));
            assertThat(RedisSessions.outcome(redis, session, StepConsumer.ROLE, request.eventId())).isNotNull();
        });
        assertThat(kafka.records(DLQ)).noneMatch(r -> r.key() != null && r.key().startsWith(session));
    }

    private String newSession() {
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, textstats.session(session));
        return session;
    }

    private StepExecuted awaitExecuted(String session) {
        return await().atMost(WAIT).until(() -> kafka.events(StepExecuted.class, e -> e.sessionId().equals(session)),
                events -> events.size() == 1).get(0);
    }
}
