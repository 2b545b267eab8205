package dev.ratchet.runtime.work;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.leases")
public interface WorkConfig {

    /**
     * How long a lease lasts without renewal. Owners renew every third of it; a killed owner's work is taken over
     * about this long after its last renewal. 6 s matches the consumer groups' session timeout, so a crash costs
     * the same few seconds whichever mechanism notices it first.
     */
    @WithDefault("6s")
    Duration ttl();

    /** Extra time the reaper waits after a lease's expiry before it looks, so a late renewal is not taken as death. */
    @WithDefault("1s")
    Duration grace();
}
