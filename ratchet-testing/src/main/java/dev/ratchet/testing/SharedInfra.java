package dev.ratchet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import dev.ratchet.infra.InProcessKafka;
import dev.ratchet.infra.Ports;
import dev.ratchet.infra.RedisServer;

/**
 * One real Kafka broker and one real Redis server per test JVM, started on first use and stopped when the JVM
 * exits. Quarkus restarts the application between test classes with different resources; the infrastructure need
 * not restart with it.
 */
public final class SharedInfra {

    private static InProcessKafka kafka;
    private static RedisServer redis;

    private SharedInfra() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = InProcessKafka.start(dir("kafka"));
            InProcessKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-kafka"));
        }
        return kafka.bootstrapServers();
    }

    public static synchronized String redisUrl() {
        if (redis == null) {
            Path dir = dir("redis");
            redis = RedisServer.start(Ports.free(), dir, dir.resolve("redis.log"),
                    OptionalLong.of(ProcessHandle.current().pid()), RedisServer.Persistence.NONE);
            RedisServer started = redis;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-redis"));
        }
        return redis.url();
    }

    /** Under the build's temp dir ({@code java.io.tmpdir} is the module's target/ in the Maven build). */
    static Path dir(String name) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ratchet-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
