package dev.ratchet.planner.session.flow;

import java.util.List;

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
 */
@ApplicationScoped
public class SessionEvents {

    private final MutinyEmitter<String> stepRequests;
    private final MutinyEmitter<String> lifecycle;

    SessionEvents(@Channel(Channels.STEPS_REQUESTED) MutinyEmitter<String> stepRequests,
            @Channel(Channels.SESSIONS_EVENTS) MutinyEmitter<String> lifecycle) {
        this.stepRequests = stepRequests;
        this.lifecycle = lifecycle;
    }

    public void publish(List<? extends RatchetEvent> events) {
        for (RatchetEvent event : events) {
            MutinyEmitter<String> emitter = switch (event.eventType().topic()) {
                case Topics.STEPS_REQUESTED -> stepRequests;
                case Topics.SESSIONS_EVENTS -> lifecycle;
                default -> throw new IllegalArgumentException("the planner does not produce " + event.eventType());
            };
            emitter.sendMessageAndAwait(CloudEventMessages.of(event, Sources.PLANNER));
        }
    }
}
