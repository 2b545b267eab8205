package dev.ratchet.runtime.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import dev.ratchet.infra.Ports;
import dev.ratchet.infra.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A redis-server of its own for the Redis client named {@code outage}, which a test may stop, start again, keep
 * busy or make reload, without disturbing the Redis every other test shares.
 */
public class OutageRedisResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RedisServer server;

    /** The running server (a new one after {@link #restart()}). */
    public static RedisServer server() {
        return server;
    }

    /** Starts the stopped server again on its port and directory. */
    public static void restart() {
        server = server.startAgain();
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ratchet-outage-");
            server = RedisServer.start(Ports.free(), dir, dir.resolve("redis.log"),
                    OptionalLong.of(ProcessHandle.current().pid()), RedisServer.Persistence.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.redis.outage.hosts", server.url());
    }

    @Override
    public void stop() {
        if (server != null && server.isAlive()) {
            server.stop();
        }
    }
}
