package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.event.GoldenEvents.Row;

/** Derived event ids against the literals of {@link GoldenEvents}: a changed derivation fails here. */
class EventIdsTest {

    static final List<Row> ROWS = GoldenEvents.ROWS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("ROWS")
    void everyTypeDerivesItsGoldenId(Row row) {
        UUID derived = row.stepEvent()
                ? EventIds.forStep(row.type(), SampleEvents.SESSION, GoldenEvents.STEP, GoldenEvents.ATTEMPT,
                        GoldenEvents.VARIANT)
                : EventIds.forSession(row.type(), SampleEvents.SESSION);

        assertThat(derived).isEqualTo(row.id());
        assertThat(derived.version()).as("name-based (MD5) UUID").isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ROWS")
    void everyRecordFactoryGivesItsEventTheGoldenId(Row row) {
        Map<EventType, RatchetEvent> samples = SampleEvents.all().stream()
                .collect(Collectors.toMap(RatchetEvent::eventType, Function.identity()));

        RatchetEvent sample = samples.get(row.type());
        assertThat(sample.eventId()).isEqualTo(row.id());
        if (row.stepEvent()) {
            // each event of an attempt carries the coordinates of the attempt it is about
            assertThat(sample).extracting(RatchetEvent::stepId, RatchetEvent::attempt, RatchetEvent::variant)
                    .containsExactly(GoldenEvents.STEP, GoldenEvents.ATTEMPT, GoldenEvents.VARIANT);
        }
    }

    /** STEP_REQUESTED's golden id with one coordinate changed at a time: every coordinate is part of the id. */
    static Stream<Arguments> stepCoordinates() {
        String session = SampleEvents.SESSION;
        return Stream.of(
                arguments(session, "s2", 2, 1, "7202e0e5-bbfe-3a81-b907-1a9ce634ef41"),
                arguments(session, "s2", 2, 0, "11014106-3167-347f-8a5c-54219037c19e"),
                arguments(session, "s2", 1, 1, "3f6ba176-9f0a-320d-ac2d-946a2d7c0aad"),
                arguments(session, "s1", 2, 1, "516547ba-867d-3de2-af27-a9cb423b535b"),
                arguments("7c9e6679-7425-40de-944b-e07fc1f90ae7", "s2", 2, 1, "f05d563c-840b-3279-863e-c775c125233f"),
                arguments(session, "s2", 12, 1, "b71ce0fb-3ad9-35a6-aca9-f72c7a6ff6f0"),
                arguments(session, "s2", 2, 10, "0ab1fd45-188f-30cb-ad13-b4dcd4b22763"));
    }

    @ParameterizedTest(name = "{1}/{2}/{3}")
    @MethodSource("stepCoordinates")
    void everyStepCoordinateIsPartOfTheId(String session, String step, int attempt, int variant, String id) {
        assertThat(EventIds.forStep(EventType.STEP_REQUESTED, session, step, attempt, variant))
                .isEqualTo(UUID.fromString(id));
    }

    @Test
    void goldenIdsAreAllDifferent() {
        Stream<String> typeIds = ROWS.stream().map(r -> r.id().toString());
        // the first coordinate row is STEP_REQUESTED's golden row itself
        Stream<String> coordinateIds = stepCoordinates().skip(1).map(a -> (String) a.get()[4]);

        assertThat(Stream.concat(typeIds, coordinateIds).toList()).doesNotHaveDuplicates();
    }

    @Test
    void aDecisionResentLaterIsTheSameEvent() {
        SessionCompleted resent = SessionCompleted.of(SampleEvents.SESSION, SampleEvents.T0.plusSeconds(999),
                SampleEvents.completed().payload());
        StepRequested retriedLater = StepRequested.of(SampleEvents.SESSION, "s2", 2, 1,
                SampleEvents.T0.plusSeconds(999), SampleEvents.requested().payload());

        assertThat(resent.eventId()).isEqualTo(GoldenEvents.of(EventType.SESSION_COMPLETED).id());
        assertThat(retriedLater.eventId()).isEqualTo(GoldenEvents.of(EventType.STEP_REQUESTED).id());
    }

    @Test
    void sessionEventsIgnoreTheStepTheyMention() {
        // A session fails at a step, but there is one failure per session: the step is not part of its id.
        SessionFailed atStep3 = SessionFailed.of(SampleEvents.SESSION, "s3", 3, SampleEvents.T0,
                SampleEvents.failed().payload());

        assertThat(atStep3.eventId()).isEqualTo(GoldenEvents.of(EventType.SESSION_FAILED).id());
    }
}
