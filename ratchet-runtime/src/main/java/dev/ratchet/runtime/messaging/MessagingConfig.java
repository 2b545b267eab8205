package dev.ratchet.runtime.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.messaging")
public interface MessagingConfig {

    /**
     * How long a handler keeps retrying while Redis or the broker is away before its record goes to the dead-letter
     * topic. Long enough to ride out a restart of either (seconds) or a failover; the record stays unacknowledged
     * meanwhile, and the handler-age health check allows this plus a minute.
     */
    @WithDefault("5m")
    Duration transientRetryFor();

    /** In-place retries of any other failure before the record is dead-lettered with the reason. */
    @WithDefault("3")
    int retries();
}
