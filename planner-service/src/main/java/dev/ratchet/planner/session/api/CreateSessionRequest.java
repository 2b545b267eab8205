package dev.ratchet.planner.session.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ratchet.core.checks.CheckSpec;
import dev.ratchet.core.checks.CleanupOption;
import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.guardrail.Guardrails;

/**
 * Body of {@code POST /api/v1/sessions}. A check's {@code timeoutSeconds} defaults to 300, its {@code stage} to
 * {@code test} and its {@code when} to {@code step} ({@link CheckSpec}); without checks the repository's are taken
 * (VERIFY.md, else AGENTS.md); {@code guardrails} holds only the fields to change from the defaults (unknown fields
 * are an error); {@code maxTurns} defaults to 8; {@code approval} is {@code "auto"} (the default) or
 * {@code "manual"} (the plan waits for {@code POST .../plan/approve}); {@code budget} ({@link BudgetRequest}) sets the
 * session's kill switch; {@code variants} (1 to 64, default 1) fans each attempt out to that many variants and
 * {@code select} ({@code "best"}, the default, or {@code "first"}) says how their winner is chosen
 * (docs/ARCHITECTURE.md, Best-of-N variants). {@code resume: true} takes the plan from the repository's PLAN.md and
 * PROGRESS.md (as Ratchet writes them) instead of the planner model and goes on at the first step not done; the
 * goal may then be left out (PLAN.md's); unreadable files are a 422 naming {@code resume}. {@code cleanup}
 * ({@link CleanupOption}: {@code true}, or a fixer {@code {command, timeoutSeconds, name}}) runs the cleanup pass
 * after every verified candidate; {@code true} with no fixer in the repository's VERIFY.md is a 422 naming it.
 * {@code rounds} (1 to 16) is how many attempts each step gets before it fails, each a fan-out again with the best
 * failing variant's feedback (default {@code ratchet.planner.max-attempts}).
 */
public record CreateSessionRequest(String repo, String goal, List<CheckSpec> checks, Guardrails guardrails,
        Integer maxTurns, String approval, BudgetRequest budget, Integer variants, String select, Boolean resume,
        @Schema(oneOf = {Boolean.class, Fixer.class}, description = "true: run the fixer the repository's VERIFY.md"
                + " declares (ratchet-cleanup block) after every verified candidate; or the fixer itself,"
                + " {command, timeoutSeconds, name}; absent or false: no cleanup pass")
        CleanupOption cleanup,
        @Schema(description = "attempts per step before it fails (1 to 16); with variants, each attempt is a new"
                + " fan-out with the best failing variant's feedback; default: the planner's max-attempts")
        Integer rounds) {
}
