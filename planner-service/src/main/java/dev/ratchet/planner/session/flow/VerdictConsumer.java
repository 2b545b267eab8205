package dev.ratchet.planner.session.flow;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Transition;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.planner.session.store.UnknownSessionException;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.Inbound;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.redis.ProcessedEvents;
import dev.ratchet.runtime.tracing.EventSpans;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Verdicts move sessions forward: store the decision, then publish what follows from it, then mark the verdict
 * handled, in the verdict's trace (the step attempt's). A record that is not a verdict goes to the dead-letter topic
 * (the failure strategy of this channel).
 */
@ApplicationScoped
public class VerdictConsumer {

    private static final Logger LOG = Logger.getLogger(VerdictConsumer.class);

    static final String CONSUMER = "planner";

    private final SessionStore store;
    private final SessionMachine machine;
    private final SessionEvents events;
    private final ProcessedEvents processed;
    private final RatchetMetrics metrics;
    private final Redelivery redelivery;
    private final ResultBranches results;
    private final SessionPlanner planner;
    private final EventSpans spans;

    VerdictConsumer(SessionStore store, SessionMachine machine, SessionEvents events, ProcessedEvents processed,
            RatchetMetrics metrics, Redelivery redelivery, ResultBranches results, SessionPlanner planner,
            EventSpans spans) {
        this.spans = spans;
        this.planner = planner;
        this.store = store;
        this.machine = machine;
        this.events = events;
        this.processed = processed;
        this.metrics = metrics;
        this.redelivery = redelivery;
        this.results = results;
    }

    @Incoming(Channels.STEPS_VERDICTS)
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        StepVerdict verdict = Inbound.decode(record, StepVerdict.class);
        spans.consume(record, verdict, () -> redelivery.handle(verdict.eventType().ceType() + " " + verdict.eventId(),
                () -> handle(verdict, record.timestamp())));
    }

    private void handle(StepVerdict verdict, long producedAt) {
        if (processed.isProcessed(CONSUMER, verdict.eventId())) {
            return;
        }
        Transition transition;
        try {
            transition = store.apply(verdict.sessionId(), s -> machine.onVerdict(s, verdict, Instant.now()));
        } catch (UnknownSessionException e) {
            throw new PoisonEventException("verdict " + verdict.eventId() + " is for an unknown session "
                    + verdict.sessionId());
        }
        events.publish(transition);
        if (transition.outcome() == Transition.Outcome.APPLIED) {
            metrics.hop(RatchetMetrics.HOP_VERDICT_TO_NEXT_REQUEST, producedAt);
            results.afterDecision(transition.session());
            if (transition.session().status() == SessionStatus.PLANNING) {
                // A step failed all its attempts and the session re-plans: under the planning lease, like a new one.
                planner.planLater(transition.session());
            }
        }
        metrics.outcome("planner_verdicts", transition.outcome().name().toLowerCase());
        // One line per verdict, in the attempt's trace (the MDC's traceId): an operator follows a step across the
        // services' logs by it.
        LOG.infof("%s for step %s attempt %d variant %d: %s, session %s", verdict.eventType().ceType(),
                verdict.stepId(), verdict.attempt(), verdict.variant(), transition.outcome().name().toLowerCase(),
                transition.session().status());
        processed.markProcessed(CONSUMER, verdict.eventId());
    }
}
