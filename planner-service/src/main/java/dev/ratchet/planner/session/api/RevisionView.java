package dev.ratchet.planner.session.api;

import java.time.Instant;
import java.util.List;

import dev.ratchet.core.session.Revision;
import dev.ratchet.core.session.Session;

/**
 * One re-planning of a session as the API shows it ({@code revisions} of {@code GET /api/v1/sessions/{id}} and of
 * its {@code /plan}): the revision's number (the first plan is 1), the step that failed and why, when the planner
 * model was asked and answered ({@code revisedAt} null while it works), the steps it replaced (with how they ended)
 * and the ids of the steps that took their place.
 */
public record RevisionView(int number, String failedStep, String reason, Instant requestedAt, Instant revisedAt,
        List<ReplacedStep> replaced, List<String> revisedSteps) {

    /** A step a revision replaced: the failed one (with its attempts) or one that had not run. */
    public record ReplacedStep(String id, String title, String instructions, String status, int attempts) {
    }

    static List<RevisionView> of(Session s) {
        return s.revisions().stream().map(RevisionView::of).toList();
    }

    private static RevisionView of(Revision r) {
        return new RevisionView(r.number(), r.failedStep(), r.reason(), r.requestedAt(), r.revisedAt(),
                r.replaced().stream().map(st -> new ReplacedStep(st.id(), st.title(), st.instructions(),
                        st.status().name(), st.attemptCount())).toList(), r.revisedSteps());
    }
}
