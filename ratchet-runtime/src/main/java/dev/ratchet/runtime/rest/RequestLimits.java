package dev.ratchet.runtime.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on what a client may send to any Ratchet service. */
@ConfigMapping(prefix = "ratchet.api")
public interface RequestLimits {

    /**
     * The largest request body accepted, in bytes. A session request with 20 checks of 4 KiB commands and an 8000
     * character goal is under 100 KiB; 1 MiB leaves room and keeps a client from filling the heap.
     */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * The largest body of a webhook delivery ({@code /hooks/*}), in bytes: GitHub caps its payloads at 25 MB, so
     * 25 MiB takes every real one.
     */
    @WithDefault("26214400")
    long maxHookBodyBytes();
}
