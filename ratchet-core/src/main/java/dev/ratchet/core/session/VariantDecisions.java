package dev.ratchet.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;

/**
 * The machine's decisions about an attempt fanned out to several variants: collect each variant's verdict on the
 * attempt, and decide the attempt once every variant answered, once one passed with {@code select: first}, or once
 * its deadline passed with at least one verdict. The winner ({@link VariantSelection}) is accepted like a single
 * verdict; when none passed, the attempt is rejected with the best failing variant's reason and the next attempt
 * fans out again with that feedback (the "rounds": up to {@code ratchet.planner.max-attempts} of them).
 * <p>
 * Selection lives here rather than in the verifier: a verifier judges one candidate and keeps no state between
 * them (two verifiers may judge two variants of one attempt), while the machine already owns every attempt decision
 * and its idempotency, stored in one {@code WATCH}/{@code MULTI} per verdict.
 */
final class VariantDecisions {

    private final SessionMachine machine;

    VariantDecisions(SessionMachine machine) {
        this.machine = machine;
    }

    /** A verdict for a variant of the attempt {@code step} waits for ({@link SessionMachine#onVerdict}). */
    Transition onVerdict(Session session, StepState step, StepVerdict verdict, Instant now) {
        Attempt attempt = step.lastAttempt();
        if (attempt.outcome(verdict.variant()).isPresent()) {
            // Redelivered after it was stored: nothing was sent for it, so there is nothing to send again.
            return Transition.replayed(session, List.of());
        }
        VariantOutcome outcome = VariantOutcome.of(verdict, now);
        Attempt collected = attempt.collected(outcome);
        StepState withOutcome = step.withAttempt(collected, StepStatus.RUNNING);
        Session next = session.withStep(withOutcome).touched(now);
        Progress line = new Progress(Progress.STEP_VARIANT, step.id(), attempt.number(), SessionMachine.label(session,
                step) + " attempt " + attempt.number() + " variant " + outcome.variant() + " of " + attempt.width()
                + " " + describe(outcome), now, outcome.variant());
        boolean firstPass = outcome.passed() && session.policy().selection() == Selection.FIRST;
        if (firstPass || collected.missingVariants().isEmpty()) {
            return decide(next, withOutcome, now, List.of(line));
        }
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(), List.of(), List.of(line));
    }

    /** The attempt's deadline passed with some verdicts in and nobody working on the others: decide on those. */
    Transition due(Session session, StepState step, Instant now) {
        Attempt attempt = step.lastAttempt();
        String missing = attempt.missingVariants().stream().map(String::valueOf).collect(Collectors.joining(", "));
        Progress line = new Progress(Progress.STEP_VARIANT, step.id(), attempt.number(), SessionMachine.label(session,
                step) + " attempt " + attempt.number() + " deadline passed with " + attempt.variants().size() + " of "
                + attempt.width() + " variants answered; deciding without variant"
                + (attempt.missingVariants().size() == 1 ? " " : "s ") + missing, now);
        return decide(session, step, now, List.of(line));
    }

    private Transition decide(Session session, StepState step, Instant now, List<Progress> before) {
        Attempt attempt = step.lastAttempt();
        Optional<VariantOutcome> winner = VariantSelection.winner(attempt.variants());
        VariantOutcome chosen = winner.or(() -> VariantSelection.bestFailing(attempt.variants())).orElseThrow();
        StepState marked = step.withAttempt(attempt.withVariants(VariantSelection.decide(attempt.variants(), chosen,
                session.policy().selection())), StepStatus.RUNNING);
        Session next = session.withStep(marked);
        StepVerdict verdict = chosen.verdict(session.id(), step.id(), attempt.number());
        if (verdict instanceof StepVerified verified) {
            return machine.accept(next, marked, verified, now, " (best of " + attempt.width() + ": variant "
                    + chosen.variant() + ")", before);
        }
        return machine.reject(next, marked, (StepRejected) verdict, now, " (none of " + attempt.variants().size()
                + " variants passed; best failing: variant " + chosen.variant() + ")", before);
    }

    /**
     * The end of a completed session's progress line for its fanned-out steps, e.g. {@code " (best of 5: variant
     * 3)"}; empty when no step fanned out.
     */
    static String bestOf(Session session) {
        String steps = session.steps().stream().filter(s -> s.status() == StepStatus.VERIFIED)
                .map(StepState::lastAttempt).filter(a -> a != null && a.width() > 1 && a.winner().isPresent())
                .map(a -> "best of " + a.width() + ": variant " + a.winner().get().variant())
                .collect(Collectors.joining("; "));
        return steps.isEmpty() ? "" : " (" + steps + ")";
    }

    private static String describe(VariantOutcome o) {
        String cost = o.tokens() + " tokens";
        if (o.passed()) {
            return o.stats() == null ? "verified (" + cost + ")"
                    : "verified (+" + o.stats().linesAdded() + " -" + o.stats().linesRemoved() + ", " + cost + ")";
        }
        return "rejected at " + o.stage() + ": " + o.reason() + " (" + cost + ")";
    }
}
