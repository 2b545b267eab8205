package dev.ratchet.planner.session.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.retention")
public interface RetentionConfig {

    /**
     * How long a finished session's keys (hash, plan, patch chain, progress, leases, answers, patches, outbox) are
     * kept after it ended; the sessions index forgets it after this plus the session time limit.
     */
    @WithDefault("30d")
    Duration sessions();
}
