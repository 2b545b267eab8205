package dev.ratchet.planner.session.store;

public class UnknownSessionException extends RuntimeException {

    public UnknownSessionException(String id) {
        super("no session " + id);
    }
}
