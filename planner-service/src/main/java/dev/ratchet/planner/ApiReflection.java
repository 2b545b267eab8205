package dev.ratchet.planner;

import dev.ratchet.core.checks.CheckSpec;
import dev.ratchet.core.checks.CleanupOption;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.AttemptTimings;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.usage.DayUsage;
import dev.ratchet.core.usage.RoleTokens;
import dev.ratchet.planner.cluster.ClusterView;
import dev.ratchet.planner.keys.KeyResource;
import dev.ratchet.planner.session.api.AttemptDiffResource;
import dev.ratchet.planner.session.api.BudgetRequest;
import dev.ratchet.planner.session.api.CandidateRequest;
import dev.ratchet.planner.session.api.CreateSessionRequest;
import dev.ratchet.planner.session.api.PlanEdit;
import dev.ratchet.planner.session.api.RevisionView;
import dev.ratchet.planner.session.api.SessionPages;
import dev.ratchet.planner.session.api.SessionSummary;
import dev.ratchet.planner.session.api.SessionView;
import dev.ratchet.planner.session.api.SteerRequest;
import dev.ratchet.planner.session.api.SteeringResource;
import dev.ratchet.planner.session.api.StepResource;
import dev.ratchet.planner.usage.UsageResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * For the native image (mvn package -Pnative): the types the planner's Jackson reads and writes besides the events
 * and the stored session (ratchet-runtime's ContractReflection): every API request and answer (the records of the
 * api packages and of each resource method's signature, and every Ratchet type they hold), the plan as stored
 * (PlanStep) and the event stream's Progress. ApiReflectionTest fails, naming the line to add, when one is missing.
 */
@RegisterForReflection(targets = {
        AttemptDiffResource.AttemptDiff.class,
        AttemptTimings.class,
        BudgetRequest.class,
        CandidateRequest.class,
        CheckSpec.class,
        CleanupOption.class,
        ClusterView.class,
        ClusterView.DeadLetters.class,
        ClusterView.Group.class,
        ClusterView.InFlight.class,
        ClusterView.Service.class,
        CreateSessionRequest.class,
        DayUsage.class,
        KeyResource.CreateKeyRequest.class,
        KeyResource.KeyView.class,
        PlanEdit.class,
        PlanStep.class,
        Progress.class,
        RevisionView.class,
        RevisionView.ReplacedStep.class,
        RoleTokens.class,
        SessionPages.Page.class,
        SessionSummary.class,
        SessionView.class,
        SessionView.AttemptView.class,
        SessionView.StepView.class,
        SessionView.Totals.class,
        SessionView.VariantView.class,
        SteerRequest.class,
        SteerRequest.DirectiveSpec.class,
        SteeringResource.PlanView.class,
        SteeringResource.SteerView.class,
        StepResource.CandidateView.class,
        UsageResource.Totals.class,
        UsageResource.UsageReport.class
})
public final class ApiReflection {

    private ApiReflection() {
    }
}
