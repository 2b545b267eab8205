package dev.ratchet.runtime.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.RatchetEvent;

/** Kafka records as a service's consumer receives them, built without a broker. */
final class Records {

    static final long TIMESTAMP = 1_700_000_000_000L;

    private Records() {
    }

    /** {@code event} as a binary-mode CloudEvent on its catalogued topic. */
    static ConsumerRecord<String, String> of(RatchetEvent event) {
        return of(event.eventType().topic(), event, h -> h, v -> v);
    }

    /** A record of {@code event} on {@code topic}, its headers and JSON changed by the operators. */
    static ConsumerRecord<String, String> of(String topic, RatchetEvent event,
            UnaryOperator<Map<String, byte[]>> headers, UnaryOperator<String> value) {
        Map<String, byte[]> ce = new LinkedHashMap<>();
        ce.put("ce_specversion", bytes("1.0"));
        ce.put("ce_id", bytes(event.eventId().toString()));
        ce.put("ce_type", bytes(event.eventType().ceType()));
        ce.put("ce_source", bytes("/ratchet/tests"));
        ce.put("ce_subject", bytes(event.sessionId()));
        ce.put("content-type", bytes("application/json"));
        RecordHeaders kafka = new RecordHeaders();
        headers.apply(ce).forEach(kafka::add);
        return new ConsumerRecord<>(topic, 3, 42, TIMESTAMP, TimestampType.CREATE_TIME, -1, -1, event.sessionId(),
                value.apply(EventCodec.encode(event)), kafka, Optional.empty());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
