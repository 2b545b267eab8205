package dev.ratchet.executor.step;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.session.Progress;
import dev.ratchet.models.ModelSettings;
import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.LeasedConsumer;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.messaging.Sources;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.model.ModelClients;
import dev.ratchet.runtime.redis.Outcomes;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.Ownership;
import dev.ratchet.runtime.work.WorkLeases;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * One member of the executors' consumer group: takes a step request's lease and carries it out on the executor's
 * own pool ({@link LeasedConsumer}), answering with {@code StepExecuted}.
 */
@ApplicationScoped
public class StepConsumer implements LeasedConsumer.Steps<StepRequested> {

    static final String ROLE = "executor";

    private final StepExecutor executor;
    private final MutinyEmitter<String> executed;
    private final ProgressLog progress;
    private final RatchetMetrics metrics;
    private final ModelClients models;
    private final ExecutorConfig config;
    private final String instance;
    private final LeasedConsumer<StepRequested> consumer;

    StepConsumer(StepExecutor executor, @Channel(Channels.STEPS_EXECUTED) MutinyEmitter<String> executed,
            ProgressLog progress, RatchetMetrics metrics, ModelClients models, ExecutorConfig config,
            Redelivery redelivery, WorkLeases leases, Outcomes outcomes, OwnedWork work, InstanceId instance,
            EventSpans spans) {
        this.executor = executor;
        this.executed = executed;
        this.progress = progress;
        this.metrics = metrics;
        this.models = models;
        this.config = config;
        this.instance = instance.value();
        this.consumer = new LeasedConsumer<>(StepRequested.class, ROLE, this, redelivery, leases, outcomes, work,
                spans);
    }

    @Incoming(Channels.STEPS_REQUESTED)
    @Blocking(value = "executor-steps", ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        consumer.accept(record);
    }

    /**
     * The attempt's own timeout, plus one model call that started just before it ran out (with its retries), plus
     * two minutes for the workspace and git.
     */
    @Override
    public Duration bound(StepRequested request) {
        ModelSettings m = models.executor().settings();
        return config.attemptTimeout().plus(m.timeout().multipliedBy(m.maxRetries() + 1L))
                .plus(m.maxBackoff().multipliedBy(m.maxRetries())).plusMinutes(2);
    }

    @Override
    public void started(StepRequested request, long producedAt) {
        metrics.hop(RatchetMetrics.HOP_REQUESTED_TO_EXECUTOR, producedAt);
        progress.append(request.sessionId(), new Progress(Progress.STEP_STARTED, request.stepId(),
                request.attempt(), ExecutionSummary.label(request) + " started on " + instance, Instant.now(),
                ExecutionSummary.variant(request)));
    }

    @Override
    public RatchetEvent answer(StepRequested request, Instant started, Ownership ownership) {
        return executor.execute(request, started, ownership::lost);
    }

    @Override
    public void send(RatchetEvent answer) {
        executed.sendMessageAndAwait(CloudEventMessages.of(answer, Sources.EXECUTOR));
    }

    @Override
    public void answered(StepRequested request, RatchetEvent answer) {
        StepExecuted result = (StepExecuted) answer;
        progress.append(request.sessionId(), new Progress(Progress.STEP_EXECUTED, request.stepId(),
                request.attempt(), ExecutionSummary.describe(request, result), result.occurredAt(),
                ExecutionSummary.variant(request)));
    }
}
