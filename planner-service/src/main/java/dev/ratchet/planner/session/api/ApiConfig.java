package dev.ratchet.planner.session.api;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The platform API's own bounds ({@code ratchet.api.max-body-bytes} is in the runtime's {@code RequestLimits}). */
@ConfigMapping(prefix = "ratchet.api")
public interface ApiConfig {

    /** The most checks a session may have; each runs after every step. */
    @WithDefault("20")
    int maxChecks();

    /**
     * How often an idle event stream gets a comment line. Proxies drop connections that stay silent: nginx after
     * 60 s ({@code proxy_read_timeout}), AWS load balancers after 60 s; 15 s stays well inside both.
     */
    @WithDefault("15s")
    Duration sseHeartbeat();
}
