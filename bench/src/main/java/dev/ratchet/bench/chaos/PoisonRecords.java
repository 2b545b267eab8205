package dev.ratchet.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.Topics;

/**
 * The records no service may accept, one of each kind per input topic, each carrying a marker in its key and value
 * so that it can be found again on the dead-letter topic.
 */
public final class PoisonRecords {

    public enum Kind {
        /** CloudEvents headers of the topic's own type, a value that is not JSON. */
        INVALID_JSON,
        /** A value and no headers at all: not a CloudEvent. */
        NO_HEADERS,
        /** A valid Ratchet event of a type that belongs on another topic. */
        MISROUTED_TYPE
    }

    private static final String SOURCE = "/ratchet-chaos";

    private PoisonRecords() {
    }

    /**
     * Unique to the run and the record: {@code chaos-poison-<seed>-<n>}, {@code n} in three digits so that no
     * marker is the beginning of another.
     */
    public static String marker(long seed, int n) {
        return String.format(Locale.ROOT, "chaos-poison-%d-%03d", seed, n);
    }

    public static ProducerRecord<String, String> record(String topic, Kind kind, String marker) {
        return switch (kind) {
            case INVALID_JSON -> withHeaders(topic, marker, "{\"eventId\": " + marker + " is not JSON", ownType(topic),
                    UUID.nameUUIDFromBytes(marker.getBytes(StandardCharsets.UTF_8)).toString(), marker);
            case NO_HEADERS -> new ProducerRecord<>(topic, marker, "no CloudEvents headers: " + marker);
            case MISROUTED_TYPE -> {
                RatchetEvent event = misrouted(topic, marker);
                yield withHeaders(topic, marker, EventCodec.encode(event), event.eventType(),
                        event.eventId().toString(), marker);
            }
        };
    }

    /** A type of the topic itself, for the records that must fail on their content rather than their type. */
    private static EventType ownType(String topic) {
        return Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an input topic: " + topic));
    }

    /** A session's failure on the step topics; a verdict on the sessions topic. */
    private static RatchetEvent misrouted(String topic, String marker) {
        Instant now = Instant.now();
        UUID id = UUID.nameUUIDFromBytes(("misrouted|" + marker).getBytes(StandardCharsets.UTF_8));
        if (Topics.SESSIONS_EVENTS.equals(topic)) {
            return new StepRejected(id, marker, "poison", 1, 0, now, new StepRejected.Payload(
                    StepRejected.STAGE_VERIFY, "poison record " + marker, null, List.of(), null, null));
        }
        return new SessionFailed(id, marker, null, 0, 0, now, new SessionFailed.Payload("/nonexistent", "poison",
                "poison record " + marker, 0));
    }

    private static ProducerRecord<String, String> withHeaders(String topic, String key, String value, EventType type,
            String id, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.TYPE, type.ceType());
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.SOURCE, SOURCE);
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        return record;
    }
}
