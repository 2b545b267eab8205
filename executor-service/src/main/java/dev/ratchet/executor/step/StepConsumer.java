package dev.ratchet.executor.step;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.session.Progress;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.messaging.Sources;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.redis.ProcessedEvents;
import dev.ratchet.runtime.redis.ProgressLog;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * One member of the executors' consumer group: Kafka spreads the step requests' partitions over every executor
 * process, and hands a dead executor's partitions (and its unacknowledged requests) to the others.
 */
@ApplicationScoped
public class StepConsumer {

    static final String CONSUMER = "executor";

    private final StepExecutor executor;
    private final MutinyEmitter<String> executed;
    private final ProcessedEvents processed;
    private final ProgressLog progress;
    private final RatchetMetrics metrics;

    StepConsumer(StepExecutor executor, @Channel(Channels.STEPS_EXECUTED) MutinyEmitter<String> executed,
            ProcessedEvents processed, ProgressLog progress, RatchetMetrics metrics) {
        this.executor = executor;
        this.executed = executed;
        this.processed = processed;
        this.progress = progress;
        this.metrics = metrics;
    }

    @Incoming(Channels.STEPS_REQUESTED)
    @Blocking(value = "executor-steps", ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        Instant received = Instant.now();
        RatchetEvent event = CloudEventMessages.decode(record);
        if (!(event instanceof StepRequested request)) {
            throw new PoisonEventException(event.eventType().ceType() + " does not belong on the step requests topic");
        }
        Redelivery.handle(request.eventType().ceType() + " " + request.eventId(),
                () -> handle(request, record.timestamp(), received));
    }

    private void handle(StepRequested request, long producedAt, Instant received) {
        if (processed.isProcessed(CONSUMER, request.eventId())) {
            return;
        }
        metrics.hop(RatchetMetrics.HOP_REQUESTED_TO_EXECUTOR, producedAt);
        StepExecuted result = executor.execute(request, received);
        executed.sendMessageAndAwait(CloudEventMessages.of(result, Sources.EXECUTOR));
        progress.append(request.sessionId(), new Progress(Progress.STEP_EXECUTED, request.stepId(),
                request.attempt(), ExecutionSummary.describe(request, result), result.occurredAt()));
        processed.markProcessed(CONSUMER, request.eventId());
    }
}
