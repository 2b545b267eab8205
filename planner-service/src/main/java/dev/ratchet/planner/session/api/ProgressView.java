package dev.ratchet.planner.session.api;

import java.util.List;

import dev.ratchet.core.session.Progress;

/**
 * A page of a session's progress log. Pass {@code next} back as {@code after} to get what came later;
 * {@code terminal} is true once the session completed or failed and its last entry was returned.
 */
public record ProgressView(List<Entry> entries, String next, boolean terminal) {

    public record Entry(String id, String type, String stepId, int attempt, String message, String at) {

        static Entry of(String id, Progress p) {
            return new Entry(id, p.type(), p.stepId(), p.attempt(), p.message(), p.at().toString());
        }
    }
}
