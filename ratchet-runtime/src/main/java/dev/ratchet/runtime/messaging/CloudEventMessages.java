package dev.ratchet.runtime.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.RatchetEvent;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Ratchet events on Kafka as CloudEvents in binary content mode: the connector writes the {@code ce_} headers from
 * the metadata built here, the record value is the event's JSON, the key comes from the event catalogue. The current
 * trace context travels along as the Distributed Tracing extension ({@link TraceParent}).
 */
public final class CloudEventMessages {

    private CloudEventMessages() {
    }

    /** @param source the producing service, e.g. {@code /ratchet/planner-service} */
    public static Message<String> of(RatchetEvent event, URI source) {
        return of(event, source, -1);
    }

    /** @param partition the partition to write to, or -1 to let the key decide */
    public static Message<String> of(RatchetEvent event, URI source, int partition) {
        EventType type = event.eventType();
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.eventId().toString())
                .withType(type.ceType())
                .withSource(source)
                .withSubject(event.sessionId())
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                .withDataContentType(CloudEventHeaders.JSON)
                .withExtensions(TraceParent.attributes(Context.current()))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(type.key(event))
                .withPartition(partition)
                .build();
        return Message.of(EventCodec.encode(event), Metadata.of(ce, kafka));
    }

    /** @throws dev.ratchet.core.event.PoisonEventException when the record is not a Ratchet event */
    public static RatchetEvent decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(headers(record), record.value());
    }

    /** A record's headers as UTF-8 strings (a header without a value left out). */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
