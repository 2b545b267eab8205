package dev.ratchet.core.event;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ratchet.core.json.Json;

/**
 * Turns events into the JSON data of a binary-mode CloudEvent and back. Decoding checks the attributes against
 * the data, so a record whose headers and body disagree is refused as poison rather than half-processed.
 */
public final class EventCodec {

    private EventCodec() {
    }

    public static String encode(RatchetEvent event) {
        return Json.write(event);
    }

    /**
     * @param headers the record's CloudEvents headers (at least {@code ce_specversion}, {@code ce_type},
     *        {@code ce_id}); header values as UTF-8 strings
     * @throws PoisonEventException when the record is not a Ratchet event this code understands
     */
    public static RatchetEvent decode(Map<String, String> headers, String data) {
        String specVersion = headers.get(CloudEventHeaders.SPEC_VERSION);
        if (specVersion == null) {
            throw new PoisonEventException("missing header " + CloudEventHeaders.SPEC_VERSION
                    + ": not a binary-mode CloudEvent");
        }
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new PoisonEventException("unsupported CloudEvents specversion '" + specVersion + "'");
        }
        String ceType = headers.get(CloudEventHeaders.TYPE);
        if (ceType == null) {
            throw new PoisonEventException("missing header " + CloudEventHeaders.TYPE);
        }
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new PoisonEventException("unknown event type '" + ceType + "'"));
        if (data == null || data.isBlank()) {
            throw new PoisonEventException("empty data for " + ceType);
        }
        RatchetEvent event;
        try {
            event = Json.mapper().readValue(data, type.recordClass());
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("invalid " + ceType + " data: " + e.getOriginalMessage());
        }
        validate(event, headers.get(CloudEventHeaders.ID), ceType);
        return event;
    }

    private static Object payload(RatchetEvent event) {
        if (event instanceof SessionCreated e) {
            return e.payload();
        } else if (event instanceof StepRequested e) {
            return e.payload() == null ? null : e.payload().work();
        } else if (event instanceof StepExecuted e) {
            return e.payload() == null ? null : e.payload().work();
        } else if (event instanceof StepVerified e) {
            return e.payload();
        } else if (event instanceof StepRejected e) {
            return e.payload();
        } else if (event instanceof SessionCompleted e) {
            return e.payload();
        } else if (event instanceof SessionFailed e) {
            return e.payload();
        }
        return null;
    }

    private static void validate(RatchetEvent event, String ceId, String ceType) {
        if (event.eventId() == null || event.sessionId() == null || event.occurredAt() == null) {
            throw new PoisonEventException(ceType + " data lacks eventId, sessionId or occurredAt");
        }
        if (payload(event) == null) {
            throw new PoisonEventException(ceType + " data lacks its payload");
        }
        if (ceId == null) {
            throw new PoisonEventException("missing header " + CloudEventHeaders.ID + " (CloudEvents requires an id)");
        }
        if (!ceId.equals(event.eventId().toString())) {
            throw new PoisonEventException("header " + CloudEventHeaders.ID + " " + ceId
                    + " does not match data eventId " + event.eventId());
        }
        boolean stepEvent = event instanceof StepRequested || event instanceof StepExecuted
                || event instanceof StepVerdict;
        if (stepEvent && (event.stepId() == null || event.attempt() < 1)) {
            throw new PoisonEventException(ceType + " data lacks stepId or attempt");
        }
    }
}
