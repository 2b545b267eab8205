package dev.ratchet.core.files;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.Session;

/**
 * The four files that hold a session's memory outside any model: AGENTS.md (who does what), PLAN.md (the
 * checklist), PROGRESS.md (done and next) and VERIFY.md (what is checked and the results). A new process, or a
 * person, resumes from these.
 */
public final class SessionFiles {

    public static final List<String> NAMES = List.of("AGENTS.md", "PLAN.md", "PROGRESS.md", "VERIFY.md");

    /**
     * What AGENTS.md needs that the session does not hold; {@code proposed} is the AGENTS.md the session proposes
     * ({@link AgentsProposal}) when the repository has none, null for none.
     */
    public record Agents(String plannerModel, String executorModel, String repositoryAgentsMd, String proposed) {

        public Agents(String plannerModel, String executorModel, String repositoryAgentsMd) {
            this(plannerModel, executorModel, repositoryAgentsMd, null);
        }
    }

    private SessionFiles() {
    }

    /** Empty when {@code name} is not one of {@link #NAMES} (compared ignoring case). */
    public static Optional<String> render(String name, Session session, List<Progress> progress, Agents agents) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAN.MD" -> Optional.of(PlanFile.render(session));
            case "PROGRESS.MD" -> Optional.of(ProgressFile.render(session, progress));
            case "VERIFY.MD" -> Optional.of(VerifyFile.render(session));
            case "AGENTS.MD" -> Optional.of(AgentsFile.render(session, agents));
            default -> Optional.empty();
        };
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
