package dev.ratchet.core.event;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ratchet.core.json.Json;

/**
 * Turns events into the JSON data of a binary-mode CloudEvent and back. Decoding checks the attributes against
 * the data, so a record whose headers and body disagree is refused as poison rather than half-processed.
 */
public final class EventCodec {

    /**
     * Largest encoded event, a quarter of Kafka's default 1 MiB record limit: payloads that can grow with what a
     * model writes (patches) are stored in Redis and referenced ({@link BlobRef}); everything else in an event is
     * bounded by request validation (checks, names, commands) or by the services (output tails, feedback).
     */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    private EventCodec() {
    }

    /** @throws EventTooLargeException when the event encodes to more than {@link #MAX_EVENT_BYTES} */
    public static String encode(RatchetEvent event) {
        String json = Json.write(event);
        int bytes = utf8Length(json);
        if (bytes > MAX_EVENT_BYTES) {
            throw new EventTooLargeException(event.eventType().ceType() + " " + event.eventId() + " encodes to "
                    + bytes + " bytes, over the " + MAX_EVENT_BYTES + "-byte event limit");
        }
        return json;
    }

    /**
     * An event with its CloudEvents type in front ({@code <type>\n<json>}), for keeping events outside Kafka: the
     * answers services stored and the planner's unpublished decisions in Redis.
     */
    public static String encodeStored(RatchetEvent event) {
        return event.eventType().ceType() + "\n" + encode(event);
    }

    /** @throws IllegalArgumentException when {@code stored} is not what {@link #encodeStored} wrote */
    public static RatchetEvent decodeStored(String stored) {
        int newline = stored.indexOf('\n');
        if (newline < 0) {
            throw new IllegalArgumentException("a stored event starts with its type and a newline");
        }
        String ceType = stored.substring(0, newline);
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new IllegalArgumentException("unknown stored event type '" + ceType + "'"));
        return Json.read(stored.substring(newline + 1), type.recordClass());
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
        if (utf8Length(data) > MAX_EVENT_BYTES) {
            throw new PoisonEventException(ceType + " data of " + utf8Length(data) + " bytes is over the "
                    + MAX_EVENT_BYTES + "-byte event limit");
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
        if (event instanceof StepExecuted e && e.payload().error() == null && e.payload().patch() == null) {
            throw new PoisonEventException(ceType + " data has neither a patch nor an error");
        }
        if (event instanceof StepVerified v && v.payload().patch() == null) {
            throw new PoisonEventException(ceType + " data lacks its patch");
        }
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
