package dev.ratchet.runtime.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;

/** The first thing every consumer does with a record: decode it and refuse what does not belong on its topic. */
public final class Inbound {

    private Inbound() {
    }

    /** @throws PoisonEventException when the record is not a Ratchet event of {@code type} */
    public static <T extends RatchetEvent> T decode(ConsumerRecord<String, String> record, Class<T> type) {
        RatchetEvent event = CloudEventMessages.decode(record);
        if (!type.isInstance(event)) {
            throw new PoisonEventException(event.eventType().ceType() + " does not belong on " + record.topic());
        }
        return type.cast(event);
    }
}
