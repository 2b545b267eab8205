package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
 * Starts sessions: validate, pin the base commit, store the machine's decision (with its announcement in the
 * outbox), plan in the background, announce without making the caller wait for the broker.
 */
@ApplicationScoped
public class SessionService {

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
     * @param guardrails null for the defaults
     * @param maxTurns null for the default
     * @throws ProblemException (400) naming every invalid field
     */
    public Session create(String repo, String goal, List<Check> checks, Guardrails guardrails, Integer maxTurns) {
        List<FieldViolation> violations = validator.validate(repo, goal, checks, maxTurns);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Invalid session request", violations);
        }
        Path path = RepoLocation.parse(repo).orElseThrow();
        Transition created = store.create(machine.created(UUID.randomUUID().toString(), path.toString(),
                goal.strip(), Git.headCommit(path), checks,
                new StepPolicy(guardrails, maxTurns == null ? StepPolicy.DEFAULT_MAX_TURNS : maxTurns), Instant.now()));
        planner.planLater(created.session());
        events.publishInBackground(created);
        return created.session();
    }
}
