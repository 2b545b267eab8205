package dev.ratchet.verifier.step;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.session.Progress;
import dev.ratchet.k8s.checks.JobCheckRunner;
import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.LeasedConsumer;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.messaging.Sources;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.redis.Outcomes;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.runtime.redis.SessionReader;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.Ownership;
import dev.ratchet.runtime.work.WorkLeases;
import dev.ratchet.workspace.sandbox.CheckRunner;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Verifies every executed attempt on the verifier's own pool ({@link LeasedConsumer}): checks may run for up to an
 * hour each without holding the consumer, and the verdict goes to the planner.
 */
@ApplicationScoped
public class ExecutedConsumer implements LeasedConsumer.Steps<StepExecuted> {

    static final String ROLE = "verifier";

    private final StepVerifier verifier;
    private final SessionReader sessions;
    private final MutinyEmitter<String> verdicts;
    private final ProgressLog progress;
    private final RatchetMetrics metrics;
    private final String instance;
    private final LeasedConsumer<StepExecuted> consumer;
    private final CheckSpans checkSpans;
    private final CheckRunner commands;

    ExecutedConsumer(StepVerifier verifier, SessionReader sessions,
            @Channel(Channels.STEPS_VERDICTS) MutinyEmitter<String> verdicts,
            ProgressLog progress, RatchetMetrics metrics, Redelivery redelivery, WorkLeases leases,
            Outcomes outcomes, OwnedWork work, InstanceId instance, EventSpans spans, CheckSpans checkSpans,
            CheckRunner commands) {
        this.checkSpans = checkSpans;
        this.commands = commands;
        this.verifier = verifier;
        this.sessions = sessions;
        this.verdicts = verdicts;
        this.progress = progress;
        this.metrics = metrics;
        this.instance = instance.value();
        this.consumer = new LeasedConsumer<>(StepExecuted.class, ROLE, this, redelivery, leases, outcomes, work,
                spans);
    }

    @Incoming(Channels.STEPS_EXECUTED)
    @Blocking(value = "verifier-steps", ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        consumer.accept(record);
    }

    /**
     * Every check's own timeout (as a Kubernetes Job, plus its start allowance and grace), plus two minutes for
     * preparing the workspace and applying the patch; with the cleanup pass, the fixer's timeout and every check
     * once more (they run again on the cleaned tree).
     */
    @Override
    public Duration bound(StepExecuted executed) {
        long perCheck = commands instanceof JobCheckRunner job ? job.overhead().toSeconds() : 0;
        long checks = sessions.find(executed.sessionId()).map(s -> {
            long once = s.checks().stream().mapToLong(c -> c.timeoutSeconds() + perCheck).sum();
            Fixer fixer = s.policy().cleanup();
            return fixer == null ? once : 2 * once + fixer.timeoutSeconds();
        }).orElse(0L);
        return Duration.ofSeconds(checks).plusMinutes(2);
    }

    @Override
    public void started(StepExecuted executed, long producedAt) {
        metrics.hop(RatchetMetrics.HOP_EXECUTED_TO_VERIFIER, producedAt);
        StepWork work = executed.payload().work();
        // A variant is named (field and words) so `./ratchet follow` draws a bar for each; one-variant lines stay.
        Integer variant = Progress.variantOf(executed.variant(), executed.fannedOut());
        progress.append(executed.sessionId(), new Progress(Progress.STEP_VERIFYING, executed.stepId(),
                executed.attempt(), "step " + (work.stepIndex() + 1) + "/" + work.stepCount() + " \"" + work.title()
                        + "\" attempt " + executed.attempt() + (variant == null ? "" : " variant " + variant)
                        + " verifying on " + instance, Instant.now(), variant));
    }

    @Override
    public RatchetEvent answer(StepExecuted executed, Instant started, Ownership ownership) {
        StepVerdict verdict = verifier.verify(executed, started, ownership::lost);
        checkSpans.record(verdict, Instant.now());
        metrics.outcome("verdicts", verdict instanceof StepVerified ? "verified" : "rejected");
        return verdict;
    }

    @Override
    public void send(RatchetEvent verdict) {
        verdicts.sendMessageAndAwait(CloudEventMessages.of(verdict, Sources.VERIFIER));
    }

    /** The planner writes the verdict's progress line when it applies it. */
    @Override
    public void answered(StepExecuted executed, RatchetEvent verdict) {
    }
}
