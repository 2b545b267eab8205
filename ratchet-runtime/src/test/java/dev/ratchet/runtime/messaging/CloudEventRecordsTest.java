package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.json.Json;
import dev.ratchet.runtime.Samples;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Kafka records as the consumers get them, every malformed shape of a binary-mode CloudEvent refused as poison with
 * its reason (the reason becomes the {@code dead-letter-reason} header), and events as the producers send them.
 */
class CloudEventRecordsTest {

    static final String SESSION = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String WRONG_ID = "11111111-2222-3333-4444-555555555555";

    static Stream<Arguments> malformed() {
        StepRequested requested = Samples.requested(SESSION);
        StepExecuted executed = Samples.executed(SESSION);
        StepVerified verified = Samples.verified(SESSION);
        String type = requested.eventType().ceType();
        return Stream.of(
                row("no headers at all", requested, h -> new HashMap<>(), v -> v,
                        "missing header ce_specversion: not a binary-mode CloudEvent"),
                row("a specversion header without a value", requested, h -> with(h, "ce_specversion", null), v -> v,
                        "missing header ce_specversion: not a binary-mode CloudEvent"),
                row("CloudEvents 0.3", requested, h -> with(h, "ce_specversion", bytes("0.3")), v -> v,
                        "unsupported CloudEvents specversion '0.3'"),
                row("no type", requested, h -> without(h, "ce_type"), v -> v, "missing header ce_type"),
                row("an unknown type", requested, h -> with(h, "ce_type", bytes("dev.ratchet.step.requested.v9")),
                        v -> v, "unknown event type 'dev.ratchet.step.requested.v9'"),
                row("a tombstone (no value)", requested, h -> h, v -> null, "empty data for " + type),
                row("a blank value", requested, h -> h, v -> " \n", "empty data for " + type),
                row("a value over 256 KiB", requested, h -> h, v -> v + " ".repeat(256 * 1024),
                        type + " data of " + (EventCodec.encode(requested).length() + 256 * 1024)
                                + " bytes is over the 262144-byte event limit"),
                row("not JSON", requested, h -> h, v -> "<html>", "invalid " + type + " data: "),
                row("JSON of another shape", requested, h -> h, v -> "[1, 2]", "invalid " + type + " data: "),
                row("a field of the wrong type", requested, h -> h, v -> v.replace("\"attempt\":1",
                        "\"attempt\":\"one\""), "invalid " + type + " data: "),
                row("no eventId", requested, h -> h, v -> json(v, n -> n.remove("eventId")),
                        type + " data lacks eventId, sessionId or occurredAt"),
                row("no sessionId", requested, h -> h, v -> json(v, n -> n.remove("sessionId")),
                        type + " data lacks eventId, sessionId or occurredAt"),
                row("no occurredAt", requested, h -> h, v -> json(v, n -> n.remove("occurredAt")),
                        type + " data lacks eventId, sessionId or occurredAt"),
                row("no payload", requested, h -> h, v -> json(v, n -> n.putNull("payload")),
                        type + " data lacks its payload"),
                row("no ce_id", requested, h -> without(h, "ce_id"), v -> v,
                        "missing header ce_id (CloudEvents requires an id)"),
                row("a ce_id that is not the data's", requested, h -> with(h, "ce_id", bytes(WRONG_ID)), v -> v,
                        "header ce_id " + WRONG_ID + " does not match data eventId " + requested.eventId()),
                row("a step event without its step", requested, h -> h, v -> json(v, n -> n.remove("stepId")),
                        type + " data lacks stepId or attempt"),
                row("attempt 0", requested, h -> h, v -> json(v, n -> n.put("attempt", 0)),
                        type + " data lacks stepId or attempt"),
                row("an execution with neither patch nor error", executed, h -> h, v -> json(v,
                        n -> ((ObjectNode) n.get("payload")).putNull("patch")),
                        executed.eventType().ceType() + " data has neither a patch nor an error"),
                row("a verified step without its patch", verified, h -> h, v -> json(v,
                        n -> ((ObjectNode) n.get("payload")).putNull("patch")),
                        verified.eventType().ceType() + " data lacks its patch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyMalformedShapeIsPoisonWithItsReason(String shape, ConsumerRecord<String, String> record,
            String reason) {
        assertThatThrownBy(() -> CloudEventMessages.decode(record)).as(shape)
                .isInstanceOf(PoisonEventException.class).hasMessageStartingWith(reason);
    }

    @Test
    void aWellFormedRecordDecodesToItsEvent() {
        StepVerified verified = Samples.verified(SESSION);

        assertThat(CloudEventMessages.decode(Records.of(Topics.STEPS_VERDICTS, verified, h -> h, v -> v)))
                .isEqualTo(verified);
        assertThat(Inbound.decode(Records.of(Topics.STEPS_VERDICTS, verified, h -> h, v -> v), StepVerdict.class))
                .isEqualTo(verified);
    }

    @Test
    void theLastOfARepeatedHeaderCounts() {
        StepRequested requested = Samples.requested(SESSION);
        ConsumerRecord<String, String> record = Records.of(Topics.STEPS_REQUESTED, requested, h -> h, v -> v);
        record.headers().add("ce_id", bytes(WRONG_ID));

        assertThatThrownBy(() -> CloudEventMessages.decode(record)).hasMessageContaining("header ce_id " + WRONG_ID);
    }

    @Test
    void anEventOfAnotherTopicIsPoisonOnThisOne() {
        SessionCreated created = Samples.created(SESSION);
        ConsumerRecord<String, String> record = Records.of(Topics.STEPS_VERDICTS, created, h -> h, v -> v);

        assertThatThrownBy(() -> Inbound.decode(record, StepVerdict.class)).isInstanceOf(PoisonEventException.class)
                .hasMessage("dev.ratchet.session.created.v1 does not belong on ratchet.steps.verdicts");
    }

    @Test
    void anEventGoesOutAsABinaryModeCloudEventKeyedByTheCatalogue() {
        StepRequested requested = Samples.requested(SESSION);
        URI source = URI.create("/ratchet/planner-service");

        Message<String> message = CloudEventMessages.of(requested, source, 7);

        assertThat(message.getPayload()).isEqualTo(EventCodec.encode(requested));
        OutgoingCloudEventMetadata<?> ce = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertThat(ce.getId()).isEqualTo(requested.eventId().toString());
        assertThat(ce.getType()).isEqualTo("dev.ratchet.step.requested.v2");
        assertThat(ce.getSource()).isEqualTo(source);
        assertThat(ce.getSubject()).contains(SESSION);
        assertThat(ce.getTimeStamp()).contains(Samples.T0.atZone(ZoneOffset.UTC));
        assertThat(ce.getDataContentType()).contains("application/json");
        OutgoingKafkaRecordMetadata<?> kafka = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getKey()).isEqualTo(SESSION + "/s1/0");
        assertThat(kafka.getPartition()).isEqualTo(7);
        assertThat(CloudEventMessages.of(requested, source).getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow().getPartition()).as("-1: the key decides").isEqualTo(-1);
    }

    private static Arguments row(String shape, RatchetEvent event, UnaryOperator<Map<String, byte[]>> headers,
            UnaryOperator<String> value, String reason) {
        return Arguments.of(shape, Records.of(event.eventType().topic(), event, headers, value), reason);
    }

    private static Map<String, byte[]> with(Map<String, byte[]> headers, String name, byte[] value) {
        headers.put(name, value);
        return headers;
    }

    private static Map<String, byte[]> without(Map<String, byte[]> headers, String name) {
        headers.remove(name);
        return headers;
    }

    private static String json(String value, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) Json.mapper().readTree(value);
            change.accept(node);
            return node.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return Records.bytes(s);
    }
}
