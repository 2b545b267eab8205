package dev.ratchet.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;

/**
 * The machine's decisions about people's candidate patches ({@link Candidate}): pure functions of the stored
 * session, like every other decision of {@link SessionMachine}, which they belong to.
 */
final class CandidateDecisions {

    private final SessionMachine machine;

    CandidateDecisions(SessionMachine machine) {
        this.machine = machine;
    }

    /**
     * A person's candidate patch for the step that runs now, to be verified exactly like a model's: the decision
     * records it on the step and sends a {@code StepExecuted} for it (variant {@link Candidate#VARIANT_BASE} + n
     * for the n-th candidate of the step; executor {@code person:<author>}) to the verifiers. Ignored when the step is not the one running.
     *
     * @param patch the submission normalised to a unified diff against the step's starting state, stored as a blob
     */
    Transition submitted(Session session, String stepId, String author, BlobRef patch, PatchStats stats,
            Instant now) {
        StepState step = SessionMachine.running(session, stepId).orElse(null);
        if (step == null) {
            return Transition.ignored(session);
        }
        int variant = Candidate.VARIANT_BASE + step.candidates().size() + 1;
        int attempt = step.lastAttempt().number();
        Candidate candidate = new Candidate(variant, author, attempt, Candidate.Status.SUBMITTED, patch, stats, now,
                null, null, null);
        Session next = session.withStep(step.withCandidate(candidate)).touched(now);
        StepWork work = new StepWork(step.index(), step.index(), session.steps().size(), step.title(),
                step.instructions(), session.goal());
        StepExecuted executed = new StepExecuted(EventIds.forStep(EventType.STEP_EXECUTED, session.id(), step.id(),
                attempt, variant), session.id(), step.id(), attempt, variant, now, new StepExecuted.Payload(work,
                        patch, stats, new Execution(candidate.executor(), "person", now, now, now, Usage.NONE), null));
        Progress submitted = new Progress(Progress.STEP_CANDIDATE, step.id(), attempt,
                SessionMachine.label(session, step) + " attempt " + attempt + ": candidate " + candidate.number() + " by "
                        + candidate.executor() + " submitted (+" + stats.linesAdded() + " -" + stats.linesRemoved()
                        + " in " + stats.files().size() + (stats.files().size() == 1 ? " file" : " files")
                        + "), verifying", now);
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(), List.of(executed),
                List.of(submitted));
    }

    /**
     * A candidate's verdict: verified while its step still runs, it is the step's result (whichever verified
     * candidate comes first wins, the model's included; the starting state of every attempt of a step is the same,
     * so it is decided on the step's current attempt); rejected, or verified too late, it is recorded and the step
     * goes on as if it had never been submitted.
     */
    Transition onVerdict(Session session, StepVerdict verdict, Instant now) {
        StepState step = session.steps().stream().filter(s -> s.id().equals(verdict.stepId())).findFirst()
                .orElse(null);
        Candidate candidate = step == null ? null : step.candidate(verdict.variant()).orElse(null);
        if (candidate == null || candidate.status() != Candidate.Status.SUBMITTED) {
            return Transition.ignored(session);
        }
        String who = "candidate " + candidate.number() + " by " + candidate.executor();
        if (verdict instanceof StepVerified verified && SessionMachine.running(session, step.id()).isPresent()) {
            StepState withCandidate = step.withCandidate(candidate.decided(Candidate.Status.ACCEPTED, null, null,
                    now));
            return machine.accept(session.withStep(withCandidate), withCandidate, verified, now, " (" + who + ")",
                    List.of());
        }
        Candidate decided;
        String message;
        if (verdict instanceof StepRejected rejected) {
            decided = candidate.decided(Candidate.Status.REJECTED, rejected.payload().stage(),
                    rejected.payload().reason(), now);
            message = who + " rejected at " + rejected.payload().stage() + ": " + rejected.payload().reason();
        } else {
            decided = candidate.decided(Candidate.Status.TOO_LATE, null, "verified after the step was decided", now);
            message = who + " verified, but the step had been decided before";
        }
        Session next = session.withStep(step.withCandidate(decided)).touched(now);
        return new Transition(Transition.Outcome.APPLIED, next, Optional.empty(), List.of(),
                List.of(new Progress(Progress.STEP_CANDIDATE, step.id(), verdict.attempt(),
                        SessionMachine.label(session, step) + " " + message, now)));
    }
}
