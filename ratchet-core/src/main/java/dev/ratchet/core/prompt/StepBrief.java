package dev.ratchet.core.prompt;

import java.util.List;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.plan.Approaches;

/**
 * Everything an executor prompt says besides the files' contents.
 *
 * @param feedback why earlier attempts of the step were rejected, oldest first
 * @param steeringNotes the {@code note} directives people gave the session, applied by now ({@code Steering#notes})
 * @param guardrails what the step may change, so the model does not learn the rules only from refusals
 * @param progress the session's verified steps ({@link ProgressSummary}); empty for the first step
 * @param agentsMd the AGENTS.md text that speaks for the step ({@link AgentsMd}); null when there is none
 * @param files every file of the repository at the step's starting state, forbidden paths left out
 * @param approach this variant's approach hint from the plan ({@code Sampling.approach}), as prompt text only
 *        ({@link Approaches#forPrompt}: one line, bounded); null when it has none
 */
public record StepBrief(StepWork work, List<Check> checks, List<String> feedback, List<String> steeringNotes,
        Guardrails guardrails, String progress, String agentsMd, List<String> files, String approach) {

    public StepBrief {
        checks = List.copyOf(checks);
        feedback = List.copyOf(feedback);
        steeringNotes = List.copyOf(steeringNotes);
        files = List.copyOf(files);
        guardrails = guardrails == null ? Guardrails.DEFAULTS : guardrails;
        progress = progress == null ? "" : progress;
        approach = Approaches.forPrompt(approach);
    }

    /** A brief without an approach hint (a step of one variant, or a variant past the plan's hints). */
    public StepBrief(StepWork work, List<Check> checks, List<String> feedback, List<String> steeringNotes,
            Guardrails guardrails, String progress, String agentsMd, List<String> files) {
        this(work, checks, feedback, steeringNotes, guardrails, progress, agentsMd, files, null);
    }
}
