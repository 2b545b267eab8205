package dev.ratchet.verifier.step;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Executed attempts on the textstats sample for the verifier's tests, standing in for the planner and the executor:
 * the session stored once planned, the patch a blob, the attempt on the topic, its verdict awaited.
 */
final class Attempts {

    /** A bound on waiting on a loaded machine, never a timing assertion. */
    static final Duration WAIT = Duration.ofSeconds(120);

    private final RedisDataSource redis;
    private final KafkaProbe kafka;
    private final TextstatsSample textstats;

    Attempts(RedisDataSource redis, KafkaProbe kafka, TextstatsSample textstats) {
        this.redis = redis;
        this.kafka = kafka;
        this.textstats = textstats;
    }

    /** A new planned session on the sample whose checks are {@code checks} (the sample's tests when none). */
    String session(Check... checks) {
        String id = UUID.randomUUID().toString();
        RedisSessions.register(redis, planned(textstats, id, checks));
        return id;
    }

    /** A new planned session on the sample with its tests as checks and {@code fixer} as its cleanup pass. */
    String sessionWithCleanup(Fixer fixer) {
        String id = UUID.randomUUID().toString();
        Session s = planned(textstats, id);
        RedisSessions.register(redis, new Session(s.id(), s.repo(), s.goal(), s.baseCommit(), s.checks(),
                s.policy().withCleanup(fixer), s.status(), s.steps(), s.currentStep(), s.createdAt(), s.updatedAt(),
                s.finishedAt(), s.failureReason(), s.planningResumes(), s.plannedFrom(), s.steering(), s.version(),
                s.plannerUsage(), s.revisions()));
        return id;
    }

    /** Sends the attempt of an executor (or a person, {@code person:<name>}) whose patch is {@code patch}. */
    StepExecuted send(String session, int stepIndex, String patch, int variant, String executor) {
        StepExecuted executed = executed(session, stepIndex, patch, variant, executor);
        kafka.send(executed);
        return executed;
    }

    /** The attempt {@link #send} sends, with its patch stored, not sent. */
    StepExecuted executed(String session, int stepIndex, String patch, int variant, String executor) {
        StepRequested request = StepRequested.of(session, "s" + (stepIndex + 1), 1, variant,
                Instant.now().minusMillis(500), new StepRequested.Payload(textstats.step(stepIndex, stepIndex),
                        List.of(), TextstatsSample.CONTEXT_BUDGET));
        Execution execution = new Execution(executor, "simulated", request.occurredAt(), request.occurredAt(),
                request.occurredAt().plusMillis(10), Usage.NONE);
        return StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(request.payload().work(),
                RedisSessions.store(redis, session, patch), DiffStats.of(patch), execution, null));
    }

    /** The session's first verdict, verified or rejected. */
    StepVerdict verdict(String session) {
        return await().atMost(WAIT).until(() -> {
            List<StepVerdict> verdicts = new ArrayList<>(kafka.events(StepVerified.class,
                    e -> e.sessionId().equals(session)));
            verdicts.addAll(kafka.events(StepRejected.class, e -> e.sessionId().equals(session)));
            return verdicts;
        }, v -> !v.isEmpty()).get(0);
    }

    /**
     * A session on the sample as the planner stores it once planned (steps s1, s2, s3 of the demo plan): the
     * verifier takes each step's place in the plan, and so its starting state, from here.
     */
    static Session planned(TextstatsSample textstats, String id, Check... checks) {
        List<PlanStep> plan = IntStream.range(0, 3).mapToObj(i -> textstats.step(i, i))
                .map(w -> new PlanStep("s" + (w.stepIndex() + 1), w.title(), w.instructions())).toList();
        return new SessionMachine(3, TextstatsSample.CONTEXT_BUDGET)
                .planned(textstats.session(id, checks), plan, Instant.now()).session();
    }

    static StepRequested request(String session, String stepId, int attempt, StepWork work) {
        return StepRequested.of(session, stepId, attempt, 0, Instant.now().minusMillis(500),
                new StepRequested.Payload(work, List.of(), TextstatsSample.CONTEXT_BUDGET));
    }

    static Execution execution(StepRequested request) {
        Instant started = request.occurredAt().plusMillis(20);
        return new Execution("executor-1", "simulated:gpt-5.3-codex-spark", request.occurredAt(), started,
                started.plusMillis(300), new Usage(1800, 240, 280, 857.1));
    }
}
