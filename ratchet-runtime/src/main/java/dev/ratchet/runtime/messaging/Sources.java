package dev.ratchet.runtime.messaging;

import java.net.URI;

/** CloudEvents {@code source} of each producing service. */
public final class Sources {

    public static final URI PLANNER = URI.create("/ratchet/planner-service");
    public static final URI EXECUTOR = URI.create("/ratchet/executor-service");
    public static final URI VERIFIER = URI.create("/ratchet/verifier-service");

    private Sources() {
    }
}
