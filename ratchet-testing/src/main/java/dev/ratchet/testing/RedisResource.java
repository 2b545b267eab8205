package dev.ratchet.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real redis-server process for a {@code @QuarkusTest}: {@code @WithTestResource(RedisResource.class)}. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", SharedInfra.redisUrl());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped at JVM exit.
    }
}
