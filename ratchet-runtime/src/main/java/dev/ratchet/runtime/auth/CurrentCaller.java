package dev.ratchet.runtime.auth;

import jakarta.enterprise.context.RequestScoped;

import dev.ratchet.core.auth.Caller;
import dev.ratchet.runtime.rest.ProblemException;

/** The caller of the request being answered, set by {@link ApiKeyFilter} once its key is checked. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller authenticated) {
        this.caller = authenticated;
    }

    /** @throws IllegalStateException on a route the filter does not guard: a bug, not a client's fault */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller: the route is not one ApiKeyFilter guards");
        }
        return caller;
    }

    /** @throws ProblemException 403 unless the caller may act on what {@code ownerTeam} owns */
    public Caller requireAccess(String ownerTeam, String what) {
        Caller c = get();
        if (!c.mayAccess(ownerTeam)) {
            throw ProblemException.forbidden(what + " belongs to another team than " + c.team() + "'s");
        }
        return c;
    }

    /** @throws ProblemException 403 unless the caller holds an admin key */
    public Caller requireAdmin(String action) {
        Caller c = get();
        if (!c.admin()) {
            throw ProblemException.forbidden(action + " needs an admin key; key " + c.keyId() + " is a member key of"
                    + " team " + c.team());
        }
        return c;
    }
}
