package dev.ratchet.core.plan;

import dev.ratchet.core.prompt.TokenBudget;

/**
 * What the planning prompt says of AGENTS.md: the repository's own, or, when it has none, the one the session
 * proposes (core {@code AgentsProposal}: the build and test commands detected at the base commit), marked as proposed
 * so the planner model knows the commands without taking them for the repository's word.
 *
 * @param own      the repository's AGENTS.md at the base commit, null when it has none
 * @param proposed the AGENTS.md the session proposes, null when none (or when the repository has its own)
 */
public record RepoAgents(String own, String proposed) {

    public static final RepoAgents NONE = new RepoAgents(null, null);

    /** What the prompt says before a proposal, so the model reads it as Ratchet's guess, not the team's rules. */
    static final String PROPOSED_HEADER = "The repository has no AGENTS.md. Ratchet proposes this one (PROPOSED, not "
            + "the repository's own: build and test commands detected in its files; the checks above are what judge "
            + "every step):\n";

    /** The repository's own AGENTS.md (null or blank: none). */
    public static RepoAgents own(String agentsMd) {
        return new RepoAgents(agentsMd, null);
    }

    /** The prompt's AGENTS.md section within {@code maxTokens} of {@code budget}; empty when there is neither. */
    String section(TokenBudget budget, int maxTokens) {
        if (own != null && !own.isBlank()) {
            return "The repository's AGENTS.md:\n" + budget.truncate(own, maxTokens) + "\n\n";
        }
        if (proposed != null && !proposed.isBlank()) {
            return PROPOSED_HEADER + budget.truncate(proposed, maxTokens) + "\n\n";
        }
        return "";
    }
}
