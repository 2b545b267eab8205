package dev.ratchet.skills.capture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.skill.SkillCapture;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.CloudEventMessages;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.skills.store.SkillStore;
import dev.ratchet.skills.store.StoredSkill;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Turns every completed session into a skill. Other lifecycle events pass by: the skills registry only learns from
 * sessions whose every step was verified.
 */
@ApplicationScoped
public class CompletionConsumer {

    private static final Logger LOG = Logger.getLogger(CompletionConsumer.class);

    private final SkillStore store;
    private final Redelivery redelivery;

    CompletionConsumer(SkillStore store, Redelivery redelivery) {
        this.store = store;
        this.redelivery = redelivery;
    }

    @Incoming(Channels.SESSIONS_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        RatchetEvent event = CloudEventMessages.decode(record);
        if (!Topics.SESSIONS_EVENTS.equals(event.eventType().topic())) {
            throw new PoisonEventException(event.eventType().ceType() + " does not belong on the sessions topic");
        }
        if (event instanceof SessionCompleted completed) {
            redelivery.handle("skill capture of session " + completed.sessionId(), () -> capture(completed));
        }
    }

    private void capture(SessionCompleted completed) {
        SkillDocument skill = SkillCapture.fromSession(completed);
        store.save(new StoredSkill(skill.name(), skill.description(), skill.render(), completed.sessionId(),
                completed.payload().repo(), completed.payload().steps().size(), completed.occurredAt()));
        LOG.infof("captured skill %s from session %s", skill.name(), completed.sessionId());
    }
}
