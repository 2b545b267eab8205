package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Nothing big rides on Kafka: events are bounded, and a patch travels as a reference to Redis. */
class EventSizeTest {

    private static Map<String, String> headers(RatchetEvent e) {
        return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TYPE, e.eventType().ceType(),
                CloudEventHeaders.ID, e.eventId().toString());
    }

    @Test
    void anEventOverTheLimitIsNeverEncoded() {
        StepRequested big = StepRequested.of(SampleEvents.SESSION, "s1", 1, 0, SampleEvents.T0,
                new StepRequested.Payload(SampleEvents.WORK, List.of("x".repeat(EventCodec.MAX_EVENT_BYTES)), 8000));

        assertThatThrownBy(() -> EventCodec.encode(big)).isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("over the 262144-byte event limit");
    }

    @Test
    void multiByteCharactersCountAsTheBytesTheyTake() {
        // 100,000 three-byte characters are 300,000 bytes of UTF-8, over the limit although under it in chars
        StepRequested big = StepRequested.of(SampleEvents.SESSION, "s1", 1, 0, SampleEvents.T0,
                new StepRequested.Payload(SampleEvents.WORK, List.of("€".repeat(100_000)), 8000));

        assertThatThrownBy(() -> EventCodec.encode(big)).isInstanceOf(EventTooLargeException.class);
    }

    @Test
    void anOversizedRecordIsPoison() {
        StepRequested e = SampleEvents.requested();
        String data = EventCodec.encode(e);
        String padded = data.substring(0, data.length() - 1) + ",\"pad\":\"" + "y".repeat(EventCodec.MAX_EVENT_BYTES)
                + "\"}";

        assertThatThrownBy(() -> EventCodec.decode(headers(e), padded)).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("over the 262144-byte event limit");
    }

    @Test
    void executedNeedsAPatchOrAnError() {
        StepExecuted neither = StepExecuted.of(SampleEvents.requested(), SampleEvents.T0, new StepExecuted.Payload(
                SampleEvents.WORK, null, PatchStats.EMPTY, SampleEvents.EXECUTION, null));
        StepExecuted failed = StepExecuted.of(SampleEvents.requested(), SampleEvents.T0, new StepExecuted.Payload(
                SampleEvents.WORK, null, PatchStats.EMPTY, SampleEvents.EXECUTION, "model timed out"));

        assertThatThrownBy(() -> EventCodec.decode(headers(neither), EventCodec.encode(neither)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("neither a patch nor an error");
        assertThat(EventCodec.decode(headers(failed), EventCodec.encode(failed))).isEqualTo(failed);
    }

    @Test
    void verifiedNeedsItsPatch() {
        StepVerified v = SampleEvents.verified();
        StepVerified none = new StepVerified(v.eventId(), v.sessionId(), v.stepId(), v.attempt(), v.variant(),
                v.occurredAt(), new StepVerified.Payload(null, v.payload().stats(), v.payload().checks(),
                        v.execution(), v.verification()));

        assertThatThrownBy(() -> EventCodec.decode(headers(none), EventCodec.encode(none)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("lacks its patch");
    }

    @Test
    void aBlobReferenceNamesTheSessionsHashTheHashAndTheSize() {
        BlobRef ref = BlobRef.of("s-1", "héllo\n");

        assertThat(ref.key()).isEqualTo("ratchet:session:s-1:blobs");
        assertThat(ref.size()).isEqualTo(7);
        // sha256sum of the same bytes
        assertThat(ref.sha256()).isEqualTo("b95becd154aa095f76c4ca47a5aeb8350d6dfcb838404edfc9dae06628de938d");
        assertThat(ref.matches("héllo\n")).isTrue();
        assertThat(ref.matches("hello\n")).isFalse();
        assertThat(ref.matches("héllo")).isFalse();
    }
}
