package dev.ratchet.bench.chaos;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.session.Progress;

/**
 * One entry of a session's progress stream as a reader of Redis sees it. The entry id's first part is Redis' clock
 * (epoch ms) when the entry was written, the clock every time in the chaos run is compared on.
 */
public record ProgressEntry(String id, String type, String stepId, int attempt, String message) {

    /** Which service writes an entry of each type (docs/ARCHITECTURE.md). */
    public enum Writer {
        PLANNER, EXECUTOR, VERIFIER
    }

    private static final Set<String> EXECUTOR_TYPES = Set.of(Progress.STEP_STARTED, Progress.STEP_EXECUTED);
    /** {@code step 2/3 "Add top_words" attempt 1 started on executor-2}: the instance that took the attempt. */
    private static final Pattern STARTED_ON = Pattern.compile(" started on (\\S+)$");

    public long atMs() {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    public Writer writer() {
        if (EXECUTOR_TYPES.contains(type)) {
            return Writer.EXECUTOR;
        }
        return Progress.STEP_VERIFYING.equals(type) ? Writer.VERIFIER : Writer.PLANNER;
    }

    public boolean terminal() {
        return Progress.SESSION_COMPLETED.equals(type) || Progress.SESSION_FAILED.equals(type);
    }

    /** The executor instance a {@code step.started} entry names. */
    public Optional<String> startedOn() {
        Matcher m = STARTED_ON.matcher(message == null ? "" : message);
        return Progress.STEP_STARTED.equals(type) && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
