package dev.ratchet.core.session;

/**
 * The name of a session's result branch, {@code ratchet/<session id>}: written by the planner (workspace's
 * {@code ResultBranch}) when the session completes, and shown wherever the session is (the API, the CodingSession
 * status).
 */
public final class ResultBranchName {

    /** The branch prefix; the session id follows. */
    public static final String PREFIX = "ratchet/";

    private ResultBranchName() {
    }

    public static String of(String sessionId) {
        return PREFIX + sessionId;
    }
}
