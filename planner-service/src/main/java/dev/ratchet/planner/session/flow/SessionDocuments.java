package dev.ratchet.planner.session.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.files.SessionFiles;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.runtime.model.ModelsConfig;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.workspace.Git;

/**
 * A session's four files as they stand: rendered from Redis (core {@link SessionFiles}) with the models that work on
 * it, its progress log and the repository's AGENTS.md at the base commit.
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
        SessionFiles.Agents agents = new SessionFiles.Agents(models.planner().model(), models.executor().model(),
                RepoLocation.parse(session.repo()).flatMap(p -> Git.show(p, session.baseCommit(), "AGENTS.md"))
                        .orElse(null));
        List<Progress> log = progress.all(session.id()).stream().map(ProgressLog.Entry::progress).toList();
        return SessionFiles.render(name, session, log, agents);
    }

    /** All four, by name. */
    public Map<String, String> all(Session session) {
        Map<String, String> files = new LinkedHashMap<>();
        SessionFiles.NAMES.forEach(name -> files.put(name, render(session, name).orElseThrow()));
        return files;
    }
}
