package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import dev.ratchet.core.event.GoldenEvents.Row;

class EventTypeTest {

    static final List<Row> ROWS = GoldenEvents.ROWS;

    @Test
    void everyTypeNameIsVersionedAndUnique() {
        assertThat(EventType.values()).extracting(EventType::ceType)
                .allSatisfy(name -> assertThat(name)
                        .matches("dev\\.ratchet\\.(session|step)\\.[a-z]+\\.v[1-9][0-9]*"))
                .doesNotHaveDuplicates();
        assertThat(EventType.values()).extracting(EventType::recordClass).doesNotHaveDuplicates();
    }

    @Test
    void goldenTableCoversEveryType() {
        assertThat(ROWS).extracting(Row::type).containsExactly(EventType.values());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ROWS")
    void typeNamesAreTheGoldenOnes(Row row) {
        assertThat(row.type().ceType()).isEqualTo(row.ceType());
        assertThat(EventType.fromCeType(row.ceType())).contains(row.type());
    }

    @Test
    void fromCeTypeFindsNothingElse() {
        assertThat(EventType.fromCeType("dev.ratchet.session.completed.v9")).isEmpty();
        assertThat(EventType.fromCeType("DEV.RATCHET.SESSION.COMPLETED.V1")).isEmpty();
        assertThat(EventType.fromCeType(" dev.ratchet.session.completed.v1")).isEmpty();
        // v1 carried the patch inside the event; a v1 record is not read as v2.
        assertThat(EventType.fromCeType("dev.ratchet.step.verified.v1")).isEmpty();
        assertThat(EventType.fromCeType("dev.ratchet.step.executed.v1")).isEmpty();
        assertThat(EventType.fromCeType("")).isEmpty();
        assertThat(EventType.fromCeType(null)).isEmpty();
    }

    @Test
    void ofMapsRecordClassesToTheirType() {
        assertThat(EventType.of(SessionCreated.class)).isEqualTo(EventType.SESSION_CREATED);
        assertThat(EventType.of(StepRequested.class)).isEqualTo(EventType.STEP_REQUESTED);
        assertThat(EventType.of(StepExecuted.class)).isEqualTo(EventType.STEP_EXECUTED);
        assertThat(EventType.of(StepVerified.class)).isEqualTo(EventType.STEP_VERIFIED);
        assertThat(EventType.of(StepRejected.class)).isEqualTo(EventType.STEP_REJECTED);
        assertThat(EventType.of(SessionCompleted.class)).isEqualTo(EventType.SESSION_COMPLETED);
        assertThat(EventType.of(SessionFailed.class)).isEqualTo(EventType.SESSION_FAILED);
        assertThatThrownBy(() -> EventType.of(StepVerdict.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a catalogued event");
        Arrays.stream(EventType.values()).forEach(t -> assertThat(EventType.of(t.recordClass())).isEqualTo(t));
    }

    @Test
    void eventsKnowTheirType() {
        assertThat(SampleEvents.verified().eventType()).isEqualTo(EventType.STEP_VERIFIED);
        assertThat(SampleEvents.rejected().eventType()).isEqualTo(EventType.STEP_REJECTED);
        assertThat(SampleEvents.failed().eventType()).isEqualTo(EventType.SESSION_FAILED);
    }

    @Test
    void stepRequestsAreKeyedBySessionStepAndVariant() {
        StepRequested request = SampleEvents.requested();

        assertThat(EventType.STEP_REQUESTED.key(request)).isEqualTo(SampleEvents.SESSION + "/s2/1");
        StepRequested otherVariant = StepRequested.of(SampleEvents.SESSION, "s2", 2, 0, SampleEvents.T0,
                request.payload());
        assertThat(EventType.STEP_REQUESTED.key(otherVariant)).isEqualTo(SampleEvents.SESSION + "/s2/0");
    }

    @Test
    void everythingElseIsKeyedBySessionId() {
        for (RatchetEvent event : SampleEvents.all()) {
            if (event instanceof StepRequested) {
                continue;
            }
            assertThat(event.eventType().key(event)).as(event.eventType().name()).isEqualTo(SampleEvents.SESSION);
        }
    }

    @Test
    void typesGoToTheirTopics() {
        assertThat(EventType.SESSION_CREATED.topic()).isEqualTo(Topics.SESSIONS_EVENTS);
        assertThat(EventType.STEP_REQUESTED.topic()).isEqualTo(Topics.STEPS_REQUESTED);
        assertThat(EventType.STEP_EXECUTED.topic()).isEqualTo(Topics.STEPS_EXECUTED);
        assertThat(EventType.STEP_VERIFIED.topic()).isEqualTo(Topics.STEPS_VERDICTS);
        assertThat(EventType.STEP_REJECTED.topic()).isEqualTo(Topics.STEPS_VERDICTS);
        assertThat(EventType.SESSION_COMPLETED.topic()).isEqualTo(Topics.SESSIONS_EVENTS);
        assertThat(EventType.SESSION_FAILED.topic()).isEqualTo(Topics.SESSIONS_EVENTS);
    }
}
