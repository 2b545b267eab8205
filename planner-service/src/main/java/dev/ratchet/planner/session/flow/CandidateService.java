package dev.ratchet.planner.session.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.guardrail.GuardrailException;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.core.patch.PatchApplyException;
import dev.ratchet.core.patch.PatchFormatException;
import dev.ratchet.core.patch.PatchSizeLimit;
import dev.ratchet.core.session.Candidate;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.Transition;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.redis.PatchChain;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.verify.CandidateNormaliser;

/**
 * A person's candidate patch for the running step: normalised to a unified diff against the step's starting state
 * under the session's guardrails (a broken rule is a 422 naming it, as a model's tool call would be told), stored as
 * a blob, recorded on the step and sent to the verifiers as a variant of the current attempt, verified exactly like
 * a model's.
 */
@ApplicationScoped
public class CandidateService {

    /** A name for {@code person:<author>}: letters, digits and {@code . _ @ + -}, as in a login or an e-mail. */
    private static final Pattern AUTHOR = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    /** The executor's limit for a model's patch (ratchet.executor.max-patch-bytes' default): the same for people. */
    private static final long MAX_PATCH_BYTES = 1024 * 1024;

    private final SessionStore store;
    private final SessionMachine machine;
    private final SessionEvents events;
    private final Workspaces workspaces;
    private final PatchChain chain;
    private final Blobs blobs;

    CandidateService(SessionStore store, SessionMachine machine, SessionEvents events, Workspaces workspaces,
            PatchChain chain, Blobs blobs) {
        this.store = store;
        this.machine = machine;
        this.events = events;
        this.workspaces = workspaces;
        this.chain = chain;
        this.blobs = blobs;
    }

    /**
     * @throws ProblemException 400 for a missing author or patch or a patch in no format, 404 for an unknown step,
     *         409 when the step is not the one running, 422 when the patch breaks a guardrail, does not fit the
     *         step's starting state, changes nothing or is too large
     */
    public Candidate submit(Session session, String stepId, String author, String patch) {
        List<FieldViolation> invalid = new ArrayList<>();
        if (author == null || !AUTHOR.matcher(author).matches()) {
            invalid.add(new FieldViolation("author", "must be 1 to 64 letters, digits or . _ @ + - (who wrote the "
                    + "patch; it is recorded as person:<author>)"));
        }
        if (patch == null || patch.isBlank()) {
            invalid.add(new FieldViolation("patch", "must hold the change: an apply_patch envelope, a unified diff "
                    + "or SEARCH/REPLACE blocks"));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Invalid candidate", invalid);
        }
        StepState step = session.steps().stream().filter(s -> s.id().equals(stepId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("session " + session.id() + " has no step " + stepId));
        requireRunning(session, step);
        String diff = normalise(session, step, patch);
        BlobRef ref = blobs.put(session.id(), diff);
        Transition submitted = store.apply(session.id(),
                s -> machine.candidate(s, stepId, author, ref, DiffStats.of(diff), Instant.now()));
        if (submitted.outcome() != Transition.Outcome.APPLIED) {
            requireRunning(submitted.session(), step);
        }
        events.publishInBackground(submitted);
        StepState now = submitted.session().steps().get(step.index());
        return now.candidates().get(now.candidates().size() - 1);
    }

    private static void requireRunning(Session session, StepState step) {
        if (SessionMachine.running(session, step.id()).isEmpty()) {
            throw ProblemException.conflict("step " + step.id() + " is not the one running (session "
                    + session.status() + ", step " + session.steps().get(step.index()).status()
                    + "); a candidate is only taken for the step the session waits on");
        }
    }

    private String normalise(Session session, StepState step, String patch) {
        String diff;
        try (Workspace ws = workspaces.lease(session.id(), session.repo(), session.baseCommit(),
                chain.first(session.id(), step.index()))) {
            diff = CandidateNormaliser.toUnifiedDiff(ws, patch, session.policy().guardrails());
        } catch (PatchFormatException e) {
            throw ProblemException.invalid("Invalid candidate", List.of(new FieldViolation("patch", e.getMessage())));
        } catch (GuardrailException e) {
            throw ProblemException.unprocessable("The patch breaks the session's guardrails", "rejected by guardrail "
                    + e.violations().stream().map(v -> v.rule().id() + (v.path() == null ? "" : ": " + v.path()))
                            .distinct().reduce((a, b) -> a + "; " + b).orElse(""),
                    e.violations().stream().map(v -> new FieldViolation("patch", v.toString())).toList());
        } catch (PatchApplyException e) {
            throw ProblemException.unprocessable("The patch does not fit the step's starting state",
                    "the patch does not apply to the state step " + step.id() + " starts from",
                    e.problems().stream().map(p -> new FieldViolation("patch", p)).toList());
        }
        if (diff.isBlank()) {
            throw ProblemException.unprocessable("The patch changes nothing", "applied to the step's starting state,"
                    + " the patch leaves every file as it was", List.of());
        }
        PatchSizeLimit.check(diff, MAX_PATCH_BYTES).ifPresent(why -> {
            throw ProblemException.unprocessable("The patch is too large", why, List.of());
        });
        return diff;
    }
}
