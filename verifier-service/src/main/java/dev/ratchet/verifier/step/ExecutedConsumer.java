package dev.ratchet.verifier.step;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.messaging.Sources;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.redis.ProcessedEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Verifies every executed attempt and sends the verdict to the planner. */
@ApplicationScoped
public class ExecutedConsumer {

    static final String CONSUMER = "verifier";

    private final StepVerifier verifier;
    private final MutinyEmitter<String> verdicts;
    private final ProcessedEvents processed;
    private final RatchetMetrics metrics;

    ExecutedConsumer(StepVerifier verifier, @Channel(Channels.STEPS_VERDICTS) MutinyEmitter<String> verdicts,
            ProcessedEvents processed, RatchetMetrics metrics) {
        this.verifier = verifier;
        this.verdicts = verdicts;
        this.processed = processed;
        this.metrics = metrics;
    }

    @Incoming(Channels.STEPS_EXECUTED)
    @Blocking(value = "verifier-steps", ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        Instant received = Instant.now();
        RatchetEvent event = CloudEventMessages.decode(record);
        if (!(event instanceof StepExecuted executed)) {
            throw new PoisonEventException(event.eventType().ceType() + " does not belong on the executed topic");
        }
        Redelivery.handle(executed.eventType().ceType() + " " + executed.eventId(),
                () -> handle(executed, record.timestamp(), received));
    }

    private void handle(StepExecuted executed, long producedAt, Instant received) {
        if (processed.isProcessed(CONSUMER, executed.eventId())) {
            return;
        }
        metrics.hop(RatchetMetrics.HOP_EXECUTED_TO_VERIFIER, producedAt);
        StepVerdict verdict = verifier.verify(executed, received);
        metrics.outcome("verdicts", verdict instanceof StepVerified ? "verified" : "rejected");
        verdicts.sendMessageAndAwait(CloudEventMessages.of(verdict, Sources.VERIFIER));
        processed.markProcessed(CONSUMER, executed.eventId());
    }
}
