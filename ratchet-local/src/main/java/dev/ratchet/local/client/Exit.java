package dev.ratchet.local.client;

/** The client commands' exit codes, which scripts may rely on (README "Command-line client"). */
public final class Exit {

    /** The command did what it was asked; for {@code follow}, the session completed. */
    public static final int DONE = 0;
    /** The session failed or was cancelled ({@code follow}, {@code submit --follow}). */
    public static final int SESSION_FAILED = 1;
    /** Bad arguments, or the API refused the request (4xx: unknown session, wrong state, invalid field, no key). */
    public static final int USAGE = 2;
    /** No answer from the API, or a 5xx: nothing listens at the address, the service hangs or broke. */
    public static final int UNREACHABLE = 3;
    /** {@code follow --timeout} passed while the session still runs. */
    public static final int STILL_RUNNING = 4;

    private Exit() {
    }
}
