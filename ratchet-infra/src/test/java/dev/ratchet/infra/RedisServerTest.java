package dev.ratchet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerTest {

    @TempDir
    Path dir;

    @Test
    void startsARealServerAndStopsIt() {
        RedisServer redis = RedisServer.start(Ports.free(), dir, dir.resolve("redis.log"), OptionalLong.empty());
        try {
            assertThat(redis.command("SET k v")).isEqualTo("+OK");
            assertThat(redis.command("GET k")).isEqualTo("$1");
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
        } finally {
            redis.close();
        }
        assertThat(redis.isAlive()).isFalse();
        assertThat(Ports.accepting("127.0.0.1", redis.port())).isFalse();
    }

    @Test
    void bundledBinaryIsARealRedis() throws Exception {
        Path binary = RedisBinary.bundled(dir.resolve("bin"));
        Process version = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(version.getInputStream().readAllBytes())).startsWith("Redis server v=");
    }

    @Test
    void stopsWhenTheWatchedProcessDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        RedisServer redis = RedisServer.start(Ports.free(), dir, dir.resolve("redis.log"),
                OptionalLong.of(parent.pid()));
        try {
            assertThat(redis.command("PING")).isEqualTo("+PONG");
            parent.destroyForcibly().waitFor();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(redis.isAlive())
                    .as("the watchdog wrapper exited with its watched parent").isFalse());
            assertThat(redis.command("PING")).as("redis stopped with its watched parent").isNull();
        } finally {
            redis.close();
        }
    }
}
