package dev.ratchet.core.files;

import dev.ratchet.core.session.Session;

/**
 * AGENTS.md: the roles working on the session and the models behind them, followed by the repository's own
 * AGENTS.md, which executors also receive in every step prompt, or, when it has none, the one the session proposes
 * (marked "Status: proposed").
 */
final class AgentsFile {

    private AgentsFile() {
    }

    static String render(Session session, SessionFiles.Agents agents) {
        StringBuilder md = new StringBuilder("# AGENTS\n\n")
                .append("| role | does | model |\n|---|---|---|\n")
                .append("| planner | breaks the goal into small, bounded steps (PLAN.md) | `")
                .append(agents.plannerModel()).append("` |\n")
                .append("| executor | carries out one step as one patch, within a token budget | `")
                .append(agents.executorModel()).append("` |\n")
                .append("| verifier | applies each patch to the verified state and runs the checks (VERIFY.md) | "
                        + "no model: ")
                .append(session.checks().size()).append(session.checks().size() == 1 ? " check" : " checks")
                .append(" |\n");
        md.append("\n## The repository's AGENTS.md\n\n");
        String own = agents.repositoryAgentsMd();
        if (own != null && !own.isBlank()) {
            return md.append(own).toString();
        }
        md.append("_The repository has no AGENTS.md at the base commit._\n");
        if (agents.proposed() != null) {
            md.append("\n## Proposed AGENTS.md\n\nStatus: proposed\n\n").append(agents.proposed());
        }
        return md.toString();
    }
}
