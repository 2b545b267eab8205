package dev.ratchet.planner.session.api;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;

/**
 * Finds the session a path names, for a caller that may see it. Session ids are UUIDs, checked before Redis is
 * asked: an id such as
 * {@code <id>:plan} would otherwise name another key of the session and be read as a session hash.
 */
@ApplicationScoped
public class SessionLookup {

    /** The {@code id} path parameter, for the OpenAPI document. */
    static final String ID = "The session id (a UUID)";
    static final String ID_EXAMPLE = "0f8e4c1a-6a4e-4b1e-9a57-3c2d1e0b7a10";

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SessionStore store;
    private final CurrentCaller caller;

    SessionLookup(SessionStore store, CurrentCaller caller) {
        this.store = store;
        this.caller = caller;
    }

    /**
     * The session, when the caller's team owns it (or the caller is an admin).
     *
     * @throws ProblemException 400 naming {@code id} when it is not a session id, 404 when there is no such
     *         session, 403 when another team owns it
     */
    public Session require(String id) {
        checkId(id);
        SessionStore.Owned owned = store.findOwned(id)
                .orElseThrow(() -> ProblemException.notFound("no session " + id));
        caller.requireAccess(owned.team(), "session " + id);
        return owned.session();
    }

    /** @throws ProblemException (404) when the session has no step {@code stepId} */
    public static StepState step(Session session, String stepId) {
        return session.steps().stream().filter(s -> s.id().equals(stepId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("session " + session.id() + " has no step "
                        + QueryParams.echo(stepId)));
    }

    /** @throws ProblemException (400) naming {@code id} when it is not a session id */
    public static void checkId(String id) {
        checkId("id", id);
    }

    /** @throws ProblemException (400) naming {@code parameter} when {@code id} is not a session id */
    public static void checkId(String parameter, String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw ProblemException.invalidParameter(parameter, "must be a session id (a lower-case UUID such as "
                    + "3f2c9a4e-8d1b-4c6f-9e2a-7b5d1c0e4f3a), not '" + QueryParams.echo(String.valueOf(id)) + "'");
        }
    }
}
