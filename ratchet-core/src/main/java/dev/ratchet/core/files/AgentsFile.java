package dev.ratchet.core.files;

import dev.ratchet.core.session.Session;

/**
 * AGENTS.md: the roles working on the session and the models behind them, followed by the repository's own
 * AGENTS.md, which executors also receive in every step prompt.
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
        md.append(own == null || own.isBlank() ? "_The repository has no AGENTS.md at the base commit._\n" : own);
        return md.toString();
    }
}
