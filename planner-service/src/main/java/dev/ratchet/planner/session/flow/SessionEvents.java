package dev.ratchet.planner.session.flow;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.session.Transition;
import dev.ratchet.planner.session.store.Outbox;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.Sources;
import dev.ratchet.runtime.tracing.EventSpans;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Sends the planner's decisions: step requests to the executors, people's candidates to the verifiers, lifecycle
 * events to everyone else, then takes them out of the outbox. Each send waits for the broker's acknowledgement, so a
 * decision leaves the outbox only once it is durably on Kafka; whatever is still there a few seconds later, the
 * reaper sends.
 * <p>
 * Step requests go to the partitions in turn rather than by key: an executor works through its own partitions
 * only, so hashing keys left some executors with a queue while others sat idle (scale-out efficiency 0.58 at 4
 * executors, docs/BENCHMARKS.md). A session's steps are never in flight together, so nothing relies on their order.
 */
@ApplicationScoped
public class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class);

    private final MutinyEmitter<String> stepRequests;
    private final MutinyEmitter<String> lifecycle;
    private final MutinyEmitter<String> candidates;
    private final Outbox outbox;
    private final EventSpans spans;
    private final AtomicInteger nextPartition = new AtomicInteger();
    private final int requestPartitions = Topics.partitions(Topics.STEPS_REQUESTED);

    SessionEvents(@Channel(Channels.STEPS_REQUESTED) MutinyEmitter<String> stepRequests,
            @Channel(Channels.SESSIONS_EVENTS) MutinyEmitter<String> lifecycle,
            @Channel(Channels.STEPS_EXECUTED) MutinyEmitter<String> candidates, Outbox outbox, EventSpans spans) {
        this.spans = spans;
        this.stepRequests = stepRequests;
        this.lifecycle = lifecycle;
        this.candidates = candidates;
        this.outbox = outbox;
    }

    /** Sends a stored decision's events and waits for the broker; then they leave the outbox. */
    public void publish(Transition stored) {
        publish(stored.events());
        if (stored.outcome() == Transition.Outcome.APPLIED && !stored.events().isEmpty()) {
            outbox.sent(stored.session().id(), stored.session().version());
        }
    }

    /** As {@link #publish(Transition)} without waiting: for a request thread; the reaper covers a failure. */
    public void publishInBackground(Transition stored) {
        if (stored.events().isEmpty()) {
            return;
        }
        // The broker's acknowledgement arrives on the event loop; the outbox update is a blocking Redis call.
        Uni.join().all(stored.events().stream().map(e -> channel(e).sendMessage(message(e))).toList()).andFailFast()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(done -> outbox.sent(stored.session().id(), stored.session().version()),
                        failure -> LOG.warnf("events of session %s not sent yet (%s); the reaper will send them",
                                stored.session().id(), failure.toString()));
    }

    /** Sends events, waiting for the broker's acknowledgement of each. */
    public void publish(List<? extends RatchetEvent> events) {
        for (RatchetEvent event : events) {
            channel(event).sendMessageAndAwait(message(event));
        }
    }

    private MutinyEmitter<String> channel(RatchetEvent event) {
        return switch (event.eventType().topic()) {
            case Topics.STEPS_REQUESTED -> stepRequests;
            case Topics.SESSIONS_EVENTS -> lifecycle;
            // a person's candidate, sent to the verifiers like an executor's attempt
            case Topics.STEPS_EXECUTED -> candidates;
            default -> throw new IllegalArgumentException("the planner does not produce " + event.eventType());
        };
    }

    /** A step request starts the attempt's own trace (linked to the request or verdict that led to it). */
    private Message<String> message(RatchetEvent event) {
        return event.eventType().topic().equals(Topics.STEPS_REQUESTED)
                ? spans.newTrace("send " + Topics.STEPS_REQUESTED, event, () -> CloudEventMessages.of(event,
                        Sources.PLANNER, Math.floorMod(nextPartition.getAndIncrement(), requestPartitions)))
                : CloudEventMessages.of(event, Sources.PLANNER);
    }
}
