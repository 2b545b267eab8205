package dev.ratchet.core.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What people decided about a session: whether its plan waits for approval, and every steering directive in the
 * order received, pending ones last. Directives are applied at the next step boundary (the plan's approval, a
 * verified step, a resume), never in the middle of an attempt, so an executor always works under one set of rules.
 */
public record Steering(Approval approval, List<Directive> directives) {

    public static final Steering AUTO = new Steering(Approval.AUTO, List.of());
    /**
     * A session keeps at most 100 directives: a person steers a handful of times (the steer demo uses 3), and each
     * note is sent with every later step, so the total must stay bounded.
     */
    public static final int MAX_DIRECTIVES = 100;

    public Steering {
        approval = approval == null ? Approval.AUTO : approval;
        directives = directives == null ? List.of() : List.copyOf(directives);
    }

    public List<Directive> pending() {
        return directives.stream().filter(Directive::pending).toList();
    }

    public long applied() {
        return directives.stream().filter(d -> !d.pending()).count();
    }

    /** The applied notes, oldest first, each with when it was given: what the executor prompt shows. */
    public List<String> notes() {
        return directives.stream().filter(d -> !d.pending() && d.type() == Directive.Type.NOTE)
                .map(d -> d.text() + " (" + d.receivedAt() + ")").toList();
    }

    /** The applied {@code redo} feedback for {@code stepId}, oldest first. */
    public List<String> redoFeedback(String stepId) {
        return directives.stream().filter(d -> !d.pending() && d.type() == Directive.Type.REDO
                && d.step().equals(stepId))
                .map(d -> "a person asked to redo this step" + (d.feedback() == null ? "" : ": " + d.feedback()))
                .toList();
    }

    /** These directives with {@code received} added, numbered on from the last ({@code d1}, {@code d2}, ...). */
    Steering received(List<Directive> received, Instant now) {
        List<Directive> all = new ArrayList<>(directives);
        for (Directive d : received) {
            all.add(new Directive("d" + (all.size() + 1), d.type(), d.text(), d.guardrails(), d.step(), d.feedback(),
                    now, null, null, null, d.by()));
        }
        return new Steering(approval, all);
    }

    Steering with(Directive changed) {
        List<Directive> all = new ArrayList<>(directives);
        all.replaceAll(d -> d.id().equals(changed.id()) ? changed : d);
        return new Steering(approval, all);
    }
}
