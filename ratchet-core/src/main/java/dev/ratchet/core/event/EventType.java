package dev.ratchet.core.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of event types: CloudEvents {@code type}, record class and topic. A breaking change to a payload
 * is a new type name ({@code .v2}), never an edit of an existing one: {@code step.executed} and {@code step.verified}
 * are v2 since their patch moved from the event into Redis ({@link BlobRef}); {@code step.requested} is v2 since its
 * {@link StepWork} no longer names the repository, base commit and checks (read from the session, never trusted
 * from an event).
 */
public enum EventType {
    SESSION_CREATED("dev.ratchet.session.created.v1", SessionCreated.class, Topics.SESSIONS_EVENTS),
    STEP_REQUESTED("dev.ratchet.step.requested.v2", StepRequested.class, Topics.STEPS_REQUESTED),
    STEP_EXECUTED("dev.ratchet.step.executed.v2", StepExecuted.class, Topics.STEPS_EXECUTED),
    STEP_VERIFIED("dev.ratchet.step.verified.v2", StepVerified.class, Topics.STEPS_VERDICTS),
    STEP_REJECTED("dev.ratchet.step.rejected.v1", StepRejected.class, Topics.STEPS_VERDICTS),
    SESSION_COMPLETED("dev.ratchet.session.completed.v1", SessionCompleted.class, Topics.SESSIONS_EVENTS),
    SESSION_FAILED("dev.ratchet.session.failed.v1", SessionFailed.class, Topics.SESSIONS_EVENTS);

    private final String ceType;
    private final Class<? extends RatchetEvent> recordClass;
    private final String topic;

    EventType(String ceType, Class<? extends RatchetEvent> recordClass, String topic) {
        this.ceType = ceType;
        this.recordClass = recordClass;
        this.topic = topic;
    }

    public String ceType() {
        return ceType;
    }

    public Class<? extends RatchetEvent> recordClass() {
        return recordClass;
    }

    public String topic() {
        return topic;
    }

    /**
     * The Kafka record key. Everything about a session is keyed by session id, so one planner sees a session's
     * verdicts in order; executor work is keyed per step variant, so the variants of a step spread over executors.
     */
    public String key(RatchetEvent event) {
        if (this == STEP_REQUESTED) {
            return event.sessionId() + "/" + event.stepId() + "/" + event.variant();
        }
        return event.sessionId();
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(Class<? extends RatchetEvent> recordClass) {
        return Arrays.stream(values()).filter(t -> t.recordClass == recordClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a catalogued event: " + recordClass));
    }
}
