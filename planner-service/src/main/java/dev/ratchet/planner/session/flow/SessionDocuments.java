package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.files.AgentsProposal;
import dev.ratchet.core.files.SessionFiles;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.runtime.model.ModelsConfig;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.workspace.Git;

/**
 * A session's four files as they stand: rendered from Redis (core {@link SessionFiles}) with the models that work on
 * it, its progress log and the repository's AGENTS.md at the base commit, or, when it has none, the AGENTS.md the
 * session proposes (core {@link AgentsProposal}: the build and test commands detected at the base commit). The result
 * branch's last commit carries the same four files, so the proposal lands there as {@code .ratchet/AGENTS.md}.
 */
@ApplicationScoped
public class SessionDocuments {

    private final ProgressLog progress;
    private final ModelsConfig models;

    SessionDocuments(ProgressLog progress, ModelsConfig models) {
        this.progress = progress;
        this.models = models;
    }

    /** The file {@code name} ({@link SessionFiles#NAMES}, any letter case); empty for another name. */
    public Optional<String> render(Session session, String name) {
        Optional<Path> repo = RepoLocation.parse(session.repo());
        String own = repo.flatMap(p -> Git.show(p, session.baseCommit(), "AGENTS.md")).orElse(null);
        String proposed = own != null || !name.equalsIgnoreCase("AGENTS.md") ? null
                : repo.map(p -> proposal(p, session)).orElse(null);
        SessionFiles.Agents agents = new SessionFiles.Agents(models.planner().model(), models.executor().model(),
                own, proposed);
        List<Progress> log = progress.all(session.id()).stream().map(ProgressLog.Entry::progress).toList();
        return SessionFiles.render(name, session, log, agents);
    }

    /** The AGENTS.md proposed for a repository without one: commands detected at the base commit (core). */
    private static String proposal(Path repo, Session session) {
        return proposal(repo, session, Git.listFiles(repo, session.baseCommit()));
    }

    /** As above, with the files at the base commit already listed (the planning prompt's). */
    static String proposal(Path repo, Session session, List<String> files) {
        return AgentsProposal.render(AgentsProposal.detect(files, f -> Git.show(repo, session.baseCommit(), f)),
                session.checks());
    }

    /** All four, by name. */
    public Map<String, String> all(Session session) {
        Map<String, String> files = new LinkedHashMap<>();
        SessionFiles.NAMES.forEach(name -> files.put(name, render(session, name).orElseThrow()));
        return files;
    }
}
