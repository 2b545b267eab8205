package dev.ratchet.planner.session.flow;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.Sources;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Sends the planner's decisions: step requests to the executors, lifecycle events to everyone else. Each send
 * waits for the broker's acknowledgement, so a decision is only marked handled once it is durably on Kafka.
 * <p>
 * Step requests go to the partitions in turn rather than by key: an executor works through its own partitions
 * only, so hashing keys left some executors with a queue while others sat idle (scale-out efficiency 0.58 at 4
 * executors, docs/BENCHMARKS.md). A session's steps are never in flight together, so nothing relies on their order.
 */
@ApplicationScoped
public class SessionEvents {

    private final MutinyEmitter<String> stepRequests;
    private final MutinyEmitter<String> lifecycle;
    private final AtomicInteger nextPartition = new AtomicInteger();
    private final int requestPartitions = Topics.partitions(Topics.STEPS_REQUESTED);

    SessionEvents(@Channel(Channels.STEPS_REQUESTED) MutinyEmitter<String> stepRequests,
            @Channel(Channels.SESSIONS_EVENTS) MutinyEmitter<String> lifecycle) {
        this.stepRequests = stepRequests;
        this.lifecycle = lifecycle;
    }

    public void publish(List<? extends RatchetEvent> events) {
        for (RatchetEvent event : events) {
            switch (event.eventType().topic()) {
                case Topics.STEPS_REQUESTED -> stepRequests.sendMessageAndAwait(CloudEventMessages.of(event,
                        Sources.PLANNER, Math.floorMod(nextPartition.getAndIncrement(), requestPartitions)));
                case Topics.SESSIONS_EVENTS -> lifecycle.sendMessageAndAwait(CloudEventMessages.of(event,
                        Sources.PLANNER));
                default -> throw new IllegalArgumentException("the planner does not produce " + event.eventType());
            }
        }
    }
}
