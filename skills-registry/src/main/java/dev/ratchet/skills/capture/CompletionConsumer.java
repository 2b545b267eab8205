package dev.ratchet.skills.capture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.skill.capture.SkillCapture;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.skills.registry.CaptureFolding;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Turns every completed session into a skill, or a version or statistic of the skill it repeats
 * ({@link CaptureFolding}), and counts how each session planned from a skill ended, completed or failed
 * ({@link ReplayReports}). Other lifecycle events pass by: skills are only captured from sessions whose every step
 * was verified.
 */
@ApplicationScoped
public class CompletionConsumer {

    private static final Logger LOG = Logger.getLogger(CompletionConsumer.class);

    private final CaptureFolding folding;
    private final Redelivery redelivery;
    private final ReplayReports replays;
    private final RedisDataSource redis;
    private final EventSpans spans;

    CompletionConsumer(CaptureFolding folding, Redelivery redelivery, ReplayReports replays, RedisDataSource redis,
            EventSpans spans) {
        this.spans = spans;
        this.folding = folding;
        this.redelivery = redelivery;
        this.replays = replays;
        this.redis = redis;
    }

    @Incoming(Channels.SESSIONS_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        RatchetEvent event = CloudEventMessages.decode(record);
        if (!Topics.SESSIONS_EVENTS.equals(event.eventType().topic())) {
            throw new PoisonEventException(event.eventType().ceType() + " does not belong on the sessions topic");
        }
        spans.consume(record, event, () -> handle(event));
    }

    private void handle(RatchetEvent event) {
        if (event instanceof SessionCompleted completed) {
            redelivery.handle("replay outcome of session " + completed.sessionId(), () -> replays.completed(completed));
            redelivery.handle("skill capture of session " + completed.sessionId(), () -> capture(completed));
        } else if (event instanceof SessionFailed failed) {
            redelivery.handle("replay outcome of session " + failed.sessionId(), () -> replays.failed(failed));
        }
    }

    private void capture(SessionCompleted completed) {
        // The owner comes from the session as the planner stored it, never from the event.
        String team = redis.hash(String.class).hget(RedisKeys.session(completed.sessionId()),
                RedisKeys.SESSION_TEAM);
        CaptureFolding.Captured captured = folding.capture(SkillCapture.fromSession(completed), team);
        LOG.infof("session %s captured into skill %s@%d (%s) of team %s", completed.sessionId(), captured.name(),
                captured.version(), captured.kind(), team == null ? "none (the session's record is gone)" : team);
    }
}
