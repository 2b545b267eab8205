package dev.ratchet.bench.chaos;

import java.util.Locale;

/**
 * One thing the chaos run does, {@code atMs} after it began: a fault, or a wave of sessions.
 *
 * @param target the part (a service, {@code redis}, {@code kafka}), for poison the topic, for a wave its number
 * @param poison which poison record (null for the other actions)
 * @param wave which wave of sessions to submit (0-based; -1 for the other actions)
 */
public record Fault(long atMs, Action action, String target, PoisonRecords.Kind poison, int wave) {

    public enum Action {
        /** Submit a wave of sessions. */
        SUBMIT,
        /** SIGKILL, as a crash. */
        KILL,
        /** Start a killed service again and wait until it is ready. */
        START,
        /** Graceful restart (Redis's SHUTDOWN, the broker's controlled shutdown), then start and wait. */
        RESTART,
        /** Send one poison record with a plain Kafka producer. */
        POISON
    }

    public static Fault submit(long atMs, int wave) {
        return new Fault(atMs, Action.SUBMIT, "wave " + (wave + 1), null, wave);
    }

    public static Fault kill(long atMs, String service) {
        return new Fault(atMs, Action.KILL, service, null, -1);
    }

    public static Fault start(long atMs, String service) {
        return new Fault(atMs, Action.START, service, null, -1);
    }

    public static Fault restart(long atMs, String part) {
        return new Fault(atMs, Action.RESTART, part, null, -1);
    }

    public static Fault poison(long atMs, String topic, PoisonRecords.Kind kind) {
        return new Fault(atMs, Action.POISON, topic, kind, -1);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%7.1fs %s %s%s", atMs / 1000.0, action.name().toLowerCase(Locale.ROOT),
                target, poison == null ? "" : " (" + poison.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
    }
}
