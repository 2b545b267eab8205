package dev.ratchet.runtime.nativeimage;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.event.ContextUse;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.Sampling;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.AttemptStatus;
import dev.ratchet.core.session.Budget;
import dev.ratchet.core.session.Candidate;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Revision;
import dev.ratchet.core.session.Selection;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Steering;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;
import dev.ratchet.core.session.VariantOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * For the native image (mvn package -Pnative): the ratchet-core types every service's Jackson reads and writes
 * through reflection, which GraalVM keeps only when told. They are the event records with every type they hold
 * (EventCodec), the session as its Redis hash stores it (SessionHash: checks, policy, steps, steering, usage,
 * revisions) and the accepted patches' list (PatchChain). ratchet-core is plain Java, so they are named here;
 * ContractReflectionTest fails, naming the line to add, when a record reachable from them is missing.
 */
@RegisterForReflection(targets = {
        AcceptedPatch.class,
        Approval.class,
        Attempt.class,
        AttemptStatus.class,
        BlobRef.class,
        Budget.class,
        Candidate.class,
        Candidate.Status.class,
        Check.class,
        Check.Browser.class,
        Check.Stage.class,
        Check.When.class,
        CheckResult.class,
        CheckResult.Screenshot.class,
        CleanupResult.class,
        ContextUse.class,
        Directive.class,
        Directive.Type.class,
        EventType.class,
        Execution.class,
        Fixer.class,
        Guardrails.class,
        GuardrailsUpdate.class,
        PatchStats.class,
        PlanScope.class,
        Revision.class,
        Sampling.class,
        Selection.class,
        Session.class,
        SessionCompleted.class,
        SessionCompleted.CompletedStep.class,
        SessionCompleted.Payload.class,
        SessionCreated.class,
        SessionCreated.Payload.class,
        SessionFailed.class,
        SessionFailed.Payload.class,
        SessionStatus.class,
        Steering.class,
        StepExecuted.class,
        StepExecuted.Payload.class,
        StepPolicy.class,
        StepRejected.class,
        StepRejected.Payload.class,
        StepRequested.class,
        StepRequested.Payload.class,
        StepState.class,
        StepStatus.class,
        StepVerified.class,
        StepVerified.Payload.class,
        StepWork.class,
        Topics.TopicSpec.class,
        Usage.class,
        VariantOutcome.class,
        Verification.class
})
public final class ContractReflection {

    private ContractReflection() {
    }
}
