package dev.ratchet.executor.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.work.OwnedWork;
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
 * {@code error}, for the verifier to reject with, and none of it is dead-lettered: only records that can never be
 * processed are ({@link PoisonRequestsTest}).
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

    @Inject
    OwnedWork work;

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
        StepExecuted.Payload p = StepExecutionTest.answer(kafka, work, request, kafka.send(request)).payload();
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
        StepExecuted.Payload p = StepExecutionTest.answer(kafka, work, request, kafka.send(request)).payload();
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
        StepExecuted.Payload p = StepExecutionTest.answer(kafka, work, request, kafka.send(request)).payload();
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
        StepExecuted.Payload p = StepExecutionTest.answer(kafka, work, request, kafka.send(request)).payload();
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
        StepExecuted.Payload p = StepExecutionTest.answer(kafka, work, request, kafka.send(request)).payload();
        assertThat(p.error()).contains("has 0 accepted patches in Redis, the step needs 1");
        assertThat(p.patch()).isNull();
        assertProgressAndNoDeadLetter(session, request);
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
}
