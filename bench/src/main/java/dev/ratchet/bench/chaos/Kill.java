package dev.ratchet.bench.chaos;

import java.util.Set;

/**
 * A SIGKILL the run sent, and the sessions it hit.
 *
 * @param atMs when the process was gone (Redis' clock, epoch ms): every progress entry after it was written by
 *        another process
 * @param affected for an executor or the verifier, the sessions whose work it held (a live, unanswered lease) just
 *        before the kill; for the planner, the sessions not finished at the kill
 */
public record Kill(String service, long atMs, Set<String> affected) {

    public boolean planner() {
        return service.startsWith("planner");
    }
}
