package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.event.GoldenEvents.Row;
import dev.ratchet.core.json.Json;

class EventCodecTest {

    static Stream<RatchetEvent> events() {
        return SampleEvents.all().stream();
    }

    /** The headers a producer writes for a binary-mode CloudEvent. */
    static Map<String, String> headers(RatchetEvent event) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.TYPE, event.eventType().ceType());
        headers.put(CloudEventHeaders.ID, event.eventId().toString());
        headers.put(CloudEventHeaders.SOURCE, "/ratchet/test");
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    @Test
    void samplesCoverEveryEventType() {
        assertThat(SampleEvents.all()).extracting(RatchetEvent::eventType).containsExactlyInAnyOrder(
                EventType.values());
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventTypeRoundTrips(RatchetEvent event) {
        String data = EventCodec.encode(event);

        RatchetEvent decoded = EventCodec.decode(headers(event), data);

        assertThat(decoded).isInstanceOf(event.getClass()).isEqualTo(event);
        assertThat(decoded.eventType()).isEqualTo(event.eventType());
    }

    @Test
    void encodedDataIsPlainJsonOfTheRecord() throws Exception {
        StepVerified verified = SampleEvents.verified();

        var tree = Json.mapper().readTree(EventCodec.encode(verified));

        assertThat(tree.get("eventId").asText()).isEqualTo(verified.eventId().toString());
        assertThat(tree.get("sessionId").asText()).isEqualTo(SampleEvents.SESSION);
        assertThat(tree.get("stepId").asText()).isEqualTo("s2");
        assertThat(tree.get("occurredAt").asText()).isEqualTo("2025-03-01T10:15:36.123Z");
        assertThat(tree.get("payload").get("checks")).hasSize(2);
        // helper accessors of the verdict interface are not part of the data
        assertThat(tree.has("execution")).isFalse();
        assertThat(tree.has("eventType")).isFalse();
    }

    static final List<Row> GOLDEN = GoldenEvents.ROWS;

    static RatchetEvent sample(EventType type) {
        return SampleEvents.all().stream().filter(e -> e.eventType() == type).findFirst().orElseThrow();
    }

    /** All a consumer requires of a record, written as literals: these three headers and the event's JSON. */
    static Map<String, String> goldenMinimalHeaders(Row row) {
        return Map.of("ce_specversion", "1.0", "ce_type", row.ceType(), "ce_id", row.id().toString());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void theGoldenMinimalHeadersDecodeEveryType(Row row) {
        RatchetEvent sample = sample(row.type());

        assertThat(EventCodec.decode(goldenMinimalHeaders(row), EventCodec.encode(sample))).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN")
    void eachOfTheMinimalHeadersIsRequired(Row row) {
        String data = EventCodec.encode(sample(row.type()));
        Map<String, String> reasons = Map.of(
                "ce_specversion", "missing header ce_specversion: not a binary-mode CloudEvent",
                "ce_type", "missing header ce_type",
                "ce_id", "missing header ce_id (CloudEvents requires an id)");

        reasons.forEach((header, reason) -> {
            Map<String, String> without = new HashMap<>(goldenMinimalHeaders(row));
            without.remove(header);
            assertThatThrownBy(() -> EventCodec.decode(without, data)).as("without %s", header)
                    .isInstanceOf(PoisonEventException.class).hasMessage(reason);
        });
    }

    @Test
    void missingSpecVersionIsPoison() {
        RatchetEvent event = SampleEvents.created();
        Map<String, String> headers = headers(event);
        headers.remove(CloudEventHeaders.SPEC_VERSION);

        assertThatThrownBy(() -> EventCodec.decode(headers, EventCodec.encode(event)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("missing header ce_specversion");
    }

    @Test
    void specVersion03IsPoison() {
        RatchetEvent event = SampleEvents.created();
        Map<String, String> headers = headers(event);
        headers.put(CloudEventHeaders.SPEC_VERSION, "0.3");

        assertThatThrownBy(() -> EventCodec.decode(headers, EventCodec.encode(event)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("unsupported CloudEvents specversion '0.3'");
    }

    @Test
    void missingTypeIsPoison() {
        RatchetEvent event = SampleEvents.created();
        Map<String, String> headers = headers(event);
        headers.remove(CloudEventHeaders.TYPE);

        assertThatThrownBy(() -> EventCodec.decode(headers, EventCodec.encode(event)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("missing header ce_type");
    }

    @Test
    void unknownTypeIsPoison() {
        RatchetEvent event = SampleEvents.created();
        Map<String, String> headers = headers(event);
        headers.put(CloudEventHeaders.TYPE, "dev.ratchet.session.created.v2");

        assertThatThrownBy(() -> EventCodec.decode(headers, EventCodec.encode(event)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("unknown event type 'dev.ratchet.session.created.v2'");
    }

    @Test
    void emptyDataIsPoison() {
        RatchetEvent event = SampleEvents.completed();

        for (String data : new String[] {null, "", "  \n"}) {
            assertThatThrownBy(() -> EventCodec.decode(headers(event), data))
                    .isInstanceOf(PoisonEventException.class)
                    .hasMessage("empty data for dev.ratchet.session.completed.v1");
        }
    }

    @Test
    void invalidJsonIsPoison() {
        RatchetEvent event = SampleEvents.requested();

        assertThatThrownBy(() -> EventCodec.decode(headers(event), "{\"eventId\": \"" + event.eventId() + "\", "))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageStartingWith("invalid dev.ratchet.step.requested.v2 data: ");
    }

    @Test
    void dataWithoutEventIdIsPoison() throws Exception {
        RatchetEvent event = SampleEvents.created();
        ObjectNode data = (ObjectNode) Json.mapper().readTree(EventCodec.encode(event));
        data.remove("eventId");

        assertThatThrownBy(() -> EventCodec.decode(headers(event), data.toString()))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("lacks eventId");
    }

    @Test
    void headerIdNotMatchingDataIsPoison() {
        RatchetEvent event = SampleEvents.executed();
        Map<String, String> headers = headers(event);
        UUID other = UUID.fromString("00000000-0000-0000-0000-000000000001");
        headers.put(CloudEventHeaders.ID, other.toString());

        assertThatThrownBy(() -> EventCodec.decode(headers, EventCodec.encode(event)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("header ce_id " + other + " does not match data eventId " + event.eventId());
    }

    @Test
    void stepEventWithoutStepIdIsPoison() {
        StepRequested sample = SampleEvents.requested();
        StepRequested noStep = new StepRequested(sample.eventId(), sample.sessionId(), null, sample.attempt(),
                sample.variant(), sample.occurredAt(), sample.payload());

        assertThatThrownBy(() -> EventCodec.decode(headers(noStep), EventCodec.encode(noStep)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("dev.ratchet.step.requested.v2 data lacks stepId or attempt");
    }

    @Test
    void stepEventWithAttemptZeroIsPoison() {
        StepVerified sample = SampleEvents.verified();
        StepVerified attemptZero = new StepVerified(sample.eventId(), sample.sessionId(), sample.stepId(), 0,
                sample.variant(), sample.occurredAt(), sample.payload());
        StepExecuted executed = SampleEvents.executed();
        StepExecuted executedZero = new StepExecuted(executed.eventId(), executed.sessionId(), executed.stepId(), 0,
                0, executed.occurredAt(), executed.payload());

        for (RatchetEvent event : List.<RatchetEvent>of(attemptZero, executedZero)) {
            assertThatThrownBy(() -> EventCodec.decode(headers(event), EventCodec.encode(event)))
                    .isInstanceOf(PoisonEventException.class)
                    .hasMessageContaining("lacks stepId or attempt");
        }
    }

    @Test
    void attemptOneIsTheFirstAttemptNotPoison() {
        StepRequested sample = SampleEvents.requested();
        StepRequested first = StepRequested.of(sample.sessionId(), sample.stepId(), 1, 0, sample.occurredAt(),
                sample.payload());
        StepRequested negative = new StepRequested(sample.eventId(), sample.sessionId(), sample.stepId(), -1, 0,
                sample.occurredAt(), sample.payload());

        assertThat(EventCodec.decode(headers(first), EventCodec.encode(first))).isEqualTo(first);
        assertThatThrownBy(() -> EventCodec.decode(headers(negative), EventCodec.encode(negative)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("dev.ratchet.step.requested.v2 data lacks stepId or attempt");
    }

    @Test
    void sessionEventsNeedNoStep() {
        SessionFailed planningFailed = SessionFailed.of(SampleEvents.SESSION, null, 0, SampleEvents.T0,
                new SessionFailed.Payload(SampleEvents.REPO, SampleEvents.GOAL, "planning failed: no JSON", 0));

        assertThat(EventCodec.decode(headers(planningFailed), EventCodec.encode(planningFailed)))
                .isEqualTo(planningFailed);
    }

    @Test
    void unknownFieldsFromNewerWritersAreTolerated() throws Exception {
        RatchetEvent event = SampleEvents.created();
        ObjectNode data = (ObjectNode) Json.mapper().readTree(EventCodec.encode(event));
        data.put("addedLater", true);
        ((ObjectNode) data.get("payload")).put("priority", 5);

        assertThat(EventCodec.decode(headers(event), data.toString())).isEqualTo(event);
    }
}
