package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.checks.AgentsMd;
import dev.ratchet.core.checks.CheckFileException;
import dev.ratchet.core.checks.SessionChecks;
import dev.ratchet.core.checks.VerifyMd;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionRequestValidator;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.Transition;
import dev.ratchet.planner.session.api.ApiConfig;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.workspace.Git;

/**
 * Starts sessions: pin the base commit, decide the checks (the request's, else the repository's VERIFY.md, else
 * its AGENTS.md, both at the base commit), validate, store the machine's decision (with its announcement in the
 * outbox), plan in the background, announce without making the caller wait for the broker.
 */
@ApplicationScoped
public class SessionService {

    private static final String INVALID = "Invalid session request";

    private final SessionRequestValidator validator;
    private final SessionStore store;
    private final SessionEvents events;
    private final SessionPlanner planner;
    private final SessionMachine machine;

    SessionService(SessionStore store, SessionEvents events, SessionPlanner planner, SessionMachine machine,
            ApiConfig api) {
        this.validator = new SessionRequestValidator(Git::isRepository, api.maxChecks());
        this.store = store;
        this.events = events;
        this.planner = planner;
        this.machine = machine;
    }

    /**
     * @param checks null or empty to take the repository's
     * @param guardrails null for the defaults
     * @param maxTurns null for the default
     * @throws ProblemException (400) naming every invalid field
     */
    public Session create(String repo, String goal, List<Check> checks, Guardrails guardrails, Integer maxTurns) {
        return create(UUID.randomUUID().toString(), repo, goal, checks, guardrails, maxTurns);
    }

    /**
     * As {@link #create(String, String, List, Guardrails, Integer)} under a given id: the Kubernetes controller
     * uses its CodingSession's uid, so that a resource never makes two sessions. The caller makes sure no session
     * has the id yet.
     */
    public Session create(String id, String repo, String goal, List<Check> checks, Guardrails guardrails,
            Integer maxTurns) {
        Optional<Path> path = repo == null || repo.isBlank() ? Optional.empty()
                : RepoLocation.parse(repo).filter(Git::isRepository);
        String base = path.map(Git::headCommit).orElse(null);
        SessionChecks declared;
        try {
            declared = SessionChecks.choose(checks, () -> file(path, base, VerifyMd.FILE),
                    () -> file(path, base, AgentsMd.FILE));
        } catch (CheckFileException e) {
            throw ProblemException.invalid(INVALID, List.of(new FieldViolation(VerifyMd.FILE, e.getMessage())));
        }
        List<FieldViolation> violations = validator.validate(repo, goal, declared, maxTurns);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(INVALID, violations);
        }
        Transition created = store.create(machine.created(id, path.orElseThrow().toString(),
                goal.strip(), base, declared.checks(),
                new StepPolicy(guardrails, maxTurns == null ? StepPolicy.DEFAULT_MAX_TURNS : maxTurns), Instant.now()));
        planner.planLater(created.session());
        events.publishInBackground(created);
        return created.session();
    }

    /** A file of the repository at the base commit; empty when there is no repository or no such file. */
    private static Optional<String> file(Optional<Path> repo, String commit, String name) {
        return repo.flatMap(p -> Git.show(p, commit, name));
    }
}
