package dev.ratchet.core.event;

import java.util.List;
import java.util.stream.Stream;

/** Kafka topics of the event contract, with the partition counts they are created with. */
public final class Topics {

    /** Executor work. A consumer group of executors shares it, so its partition count caps executor scale-out. */
    public static final String STEPS_REQUESTED = "ratchet.steps.requested";
    /** Executor results, consumed by verifiers. */
    public static final String STEPS_EXECUTED = "ratchet.steps.executed";
    /** Verifier decisions, consumed by the planner. */
    public static final String STEPS_VERDICTS = "ratchet.steps.verdicts";
    /** Session lifecycle: created, completed, failed. The skills registry consumes completions. */
    public static final String SESSIONS_EVENTS = "ratchet.sessions.events";
    /**
     * CI systems' CloudEvents (GitLab, Jenkins, Tekton, Argo Events), written by them, consumed by the planner:
     * the Kafka side of {@code POST /hooks/cloudevents}. Not part of the event contract (no {@link EventType}).
     */
    public static final String CI_EVENTS = "ratchet.ci.events";

    public static final String DLQ_SUFFIX = ".dlq";

    public record TopicSpec(String name, int partitions) {
    }

    private static final List<TopicSpec> MAIN = List.of(
            new TopicSpec(STEPS_REQUESTED, 24),
            new TopicSpec(STEPS_EXECUTED, 12),
            new TopicSpec(STEPS_VERDICTS, 12),
            new TopicSpec(SESSIONS_EVENTS, 6),
            // A few CI events a minute at most; each starts a session.
            new TopicSpec(CI_EVENTS, 3));

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    public static int partitions(String topic) {
        return all().stream().filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Ratchet topic: " + topic)).partitions();
    }

    /** Every topic Ratchet needs, dead-letter topics included (one partition each: they are for people, not speed). */
    public static List<TopicSpec> all() {
        return Stream.concat(MAIN.stream(), MAIN.stream().map(t -> new TopicSpec(deadLetter(t.name()), 1))).toList();
    }
}
