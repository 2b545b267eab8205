package dev.ratchet.runtime.messaging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;

/**
 * The first thing every consumer does with a record: decode it and refuse what does not belong on its topic. At
 * DEBUG (category {@value #TRACE}, lower case so that {@code QUARKUS_LOG_CATEGORY__RATCHET_HOPS__LEVEL=DEBUG} in the
 * environment reaches it) it traces the hop: the event's decision time, the record's Kafka timestamp (set when
 * produced) and now, the handler's start, with the first record of each partition in this process marked
 * (docs/BENCHMARKS.md "Where a step's time goes").
 */
public final class Inbound {

    public static final String TRACE = "ratchet.hops";

    private static final Logger LOG = Logger.getLogger(TRACE);
    /** Partitions this process has handled a record from: at most the topics' partition counts (24 each). */
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private Inbound() {
    }

    /** @throws PoisonEventException when the record is not a Ratchet event of {@code type} */
    public static <T extends RatchetEvent> T decode(ConsumerRecord<String, String> record, Class<T> type) {
        RatchetEvent event = CloudEventMessages.decode(record);
        if (LOG.isDebugEnabled()) {
            trace(record, event);
        }
        if (!type.isInstance(event)) {
            throw new PoisonEventException(event.eventType().ceType() + " does not belong on " + record.topic());
        }
        return type.cast(event);
    }

    private static void trace(ConsumerRecord<String, String> record, RatchetEvent event) {
        long now = System.currentTimeMillis();
        String partition = record.topic() + "-" + record.partition();
        boolean first = SEEN.add(partition);
        LOG.debugf("hop %s@%d %s session %s: decided->produced %d ms, produced->handler %d ms%s", partition,
                record.offset(), event.eventType().ceType(), event.sessionId(),
                record.timestamp() - event.occurredAt().toEpochMilli(), now - record.timestamp(),
                first ? " (first from this partition)" : "");
    }
}
