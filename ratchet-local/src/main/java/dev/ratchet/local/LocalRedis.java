package dev.ratchet.local;

import java.util.OptionalLong;

import dev.ratchet.infra.RedisServer;

/**
 * The cluster's redis-server, with its AOF in {@code redis/} of the state directory ({@code appendfsync everysec}):
 * a graceful stop is a SHUTDOWN, which fsyncs the AOF, so a restart keeps every write; a kill loses at most the
 * last second's. It stops by itself if the launcher dies.
 */
final class LocalRedis extends Part {

    private final ClusterDirs dirs;
    private final int port;
    private volatile RedisServer server;
    private volatile boolean stopped;

    LocalRedis(ClusterDirs dirs, int port) {
        super("redis");
        this.dirs = dirs;
        this.port = port;
    }

    @Override
    protected void launch() {
        server = server == null ? RedisServer.start(port, dirs.redis(), dirs.log(name()),
                OptionalLong.of(ProcessHandle.current().pid()), RedisServer.Persistence.APPEND_ONLY)
                : server.startAgain();
        stopped = false;
    }

    @Override
    protected void shutDown() {
        stopped = true;
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected void crash() {
        stopped = true;
        if (server != null) {
            server.kill();
        }
    }

    @Override
    String address() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    long pid() {
        return server == null ? -1 : server.pid();
    }

    @Override
    boolean isAlive() {
        return server != null && server.isAlive();
    }

    @Override
    boolean diedUnexpectedly() {
        return !stopped && server != null && !server.isAlive();
    }

    @Override
    String exitReport() {
        return "exited (log: " + dirs.log(name()) + ")";
    }
}
