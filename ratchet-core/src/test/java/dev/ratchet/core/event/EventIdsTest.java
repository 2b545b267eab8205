package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void sameInputsGiveTheSameId() {
        UUID a = EventIds.forStep(EventType.STEP_REQUESTED, "sess", "s1", 1, 0);
        UUID b = EventIds.forStep(EventType.STEP_REQUESTED, "sess", "s1", 1, 0);

        assertThat(a).isEqualTo(b);
        assertThat(a.version()).as("name-based UUID").isEqualTo(3);
        assertThat(EventIds.forSession(EventType.SESSION_CREATED, "sess"))
                .isEqualTo(EventIds.forSession(EventType.SESSION_CREATED, "sess"));
    }

    @Test
    void anyDifferenceGivesAnotherId() {
        List<UUID> ids = List.of(
                EventIds.forStep(EventType.STEP_REQUESTED, "sess", "s1", 1, 0),
                EventIds.forStep(EventType.STEP_REQUESTED, "sess", "s1", 2, 0),
                EventIds.forStep(EventType.STEP_REQUESTED, "sess", "s1", 1, 1),
                EventIds.forStep(EventType.STEP_REQUESTED, "sess", "s2", 1, 0),
                EventIds.forStep(EventType.STEP_REQUESTED, "other", "s1", 1, 0),
                EventIds.forStep(EventType.STEP_EXECUTED, "sess", "s1", 1, 0),
                EventIds.forStep(EventType.STEP_VERIFIED, "sess", "s1", 1, 0),
                EventIds.forStep(EventType.STEP_REJECTED, "sess", "s1", 1, 0),
                EventIds.forSession(EventType.SESSION_CREATED, "sess"),
                EventIds.forSession(EventType.SESSION_COMPLETED, "sess"),
                EventIds.forSession(EventType.SESSION_FAILED, "sess"),
                EventIds.forSession(EventType.SESSION_FAILED, "other"));

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void factoriesDeriveTheirIds() {
        StepRequested request = SampleEvents.requested();
        StepExecuted executed = SampleEvents.executed();

        assertThat(request.eventId()).isEqualTo(EventIds.forStep(EventType.STEP_REQUESTED, SampleEvents.SESSION,
                "s2", 2, 1));
        assertThat(executed.eventId()).isEqualTo(EventIds.forStep(EventType.STEP_EXECUTED, SampleEvents.SESSION,
                "s2", 2, 1));
        assertThat(SampleEvents.verified().eventId()).isEqualTo(EventIds.forStep(EventType.STEP_VERIFIED,
                SampleEvents.SESSION, "s2", 2, 1));
        assertThat(SampleEvents.rejected().eventId()).isEqualTo(EventIds.forStep(EventType.STEP_REJECTED,
                SampleEvents.SESSION, "s2", 2, 1));
        assertThat(SampleEvents.created().eventId())
                .isEqualTo(EventIds.forSession(EventType.SESSION_CREATED, SampleEvents.SESSION));
        // a re-sent decision at a later time is still the same event
        assertThat(SampleEvents.completed().eventId()).isEqualTo(SessionCompleted.of(SampleEvents.SESSION,
                SampleEvents.T0.plusSeconds(999), SampleEvents.completed().payload()).eventId());
        // the verdict carries the step coordinates of what it decides on
        assertThat(executed).extracting(StepExecuted::stepId, StepExecuted::attempt, StepExecuted::variant)
                .containsExactly("s2", 2, 1);
    }
}
