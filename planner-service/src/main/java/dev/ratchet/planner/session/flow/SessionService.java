package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionRequestValidator;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.workspace.Git;

/** Starts sessions: validate, pin the base commit, store, announce, then plan in the background. */
@ApplicationScoped
public class SessionService {

    private final SessionRequestValidator validator = new SessionRequestValidator(Git::isRepository);
    private final SessionStore store;
    private final SessionEvents events;
    private final SessionPlanner planner;

    SessionService(SessionStore store, SessionEvents events, SessionPlanner planner) {
        this.store = store;
        this.events = events;
        this.planner = planner;
    }

    /** @throws ProblemException (400) naming every invalid field */
    public Session create(String repo, String goal, List<Check> checks) {
        List<FieldViolation> violations = validator.validate(repo, goal, checks);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Invalid session request", violations);
        }
        Path path = RepoLocation.parse(repo).orElseThrow();
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Session session = Session.created(id, path.toString(), goal.strip(), Git.headCommit(path), checks, now);
        store.create(session, new Progress(Progress.SESSION_CREATED, null, 0, "session " + id + " created on "
                + session.repo() + " at " + session.baseCommit().substring(0, 12) + ": " + session.goal(), now));
        events.publish(List.of(SessionCreated.of(id, now, new SessionCreated.Payload(session.repo(), session.goal(),
                session.baseCommit(), session.checks()))));
        planner.planLater(session);
        return session;
    }
}
