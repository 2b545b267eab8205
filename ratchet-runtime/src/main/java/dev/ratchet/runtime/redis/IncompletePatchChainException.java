package dev.ratchet.runtime.redis;

/**
 * Redis holds fewer accepted patches than a step was requested for. Not a passing outage: retrying the same read
 * gives the same answer, so the attempt fails with this reason instead.
 */
public class IncompletePatchChainException extends IllegalStateException {

    public IncompletePatchChainException(String message) {
        super(message);
    }
}
