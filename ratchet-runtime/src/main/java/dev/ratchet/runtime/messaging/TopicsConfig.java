package dev.ratchet.runtime.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.topics")
public interface TopicsConfig {

    /** Create the Ratchet topics at start-up. Off where an operator (e.g. Strimzi) owns the topics. */
    @WithDefault("true")
    boolean create();

    /** Replication factor of created topics: 1 on one broker, 3 in production. */
    @WithDefault("1")
    short replicationFactor();

    @WithDefault("30s")
    Duration createTimeout();
}
