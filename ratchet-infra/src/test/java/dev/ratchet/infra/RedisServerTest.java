package dev.ratchet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.infra.RedisServer.Persistence;

class RedisServerTest {

    @TempDir
    Path dir;

    @Test
    void startsARealServerAndStopsIt() {
        RedisServer redis = start(Persistence.NONE, OptionalLong.empty());
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
    void appendOnlyServerKeepsItsDataAcrossAStopAndStartOnTheSamePort() {
        RedisServer first = start(Persistence.APPEND_ONLY, OptionalLong.of(ProcessHandle.current().pid()));
        RedisServer second = null;
        try {
            assertThat(first.command("SET kept yes")).isEqualTo("+OK");
            assertThat(first.command("CONFIG GET appendfsync")).isEqualTo("*2");
            first.stop();
            assertThat(first.isAlive()).as("the watchdog wrapper exits with redis-server").isFalse();

            second = first.startAgain();

            assertThat(second.port()).isEqualTo(first.port());
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(second.command("GET kept")).as("a bulk reply of 3 bytes: 'yes'").isEqualTo("$3");
            assertThat(dir).isDirectoryRecursivelyContaining(p -> p.getFileName().toString()
                    .startsWith("appendonly.aof"));
        } finally {
            first.kill();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void serverWithoutPersistenceStartsEmptyAgain() {
        RedisServer first = start(Persistence.NONE, OptionalLong.empty());
        first.command("SET gone yes");
        first.stop();
        RedisServer second = first.startAgain();
        try {
            assertThat(second.command("GET gone")).as("a nil bulk reply").isEqualTo("$-1");
        } finally {
            second.close();
        }
    }

    @Test
    void killStopsRedisAndItsWrapperAtOnce() {
        RedisServer redis = start(Persistence.APPEND_ONLY, OptionalLong.of(ProcessHandle.current().pid()));
        List<ProcessHandle> tree = ProcessHandle.of(redis.pid()).orElseThrow().descendants().toList();

        redis.kill();

        assertThat(tree).as("redis-server and the watch loop under the wrapper shell").isNotEmpty();
        assertThat(redis.isAlive()).isFalse();
        assertThat(redis.command("PING")).isNull();
        // Killed processes disappear once reaped (the orphaned ones by init), a moment later.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tree).noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void startAgainRefusesWhileTheServerRuns() {
        RedisServer redis = start(Persistence.NONE, OptionalLong.empty());
        try {
            assertThatThrownBy(redis::startAgain)
                    .hasMessageContaining("still running");
        } finally {
            redis.close();
        }
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
        RedisServer redis = start(Persistence.NONE, OptionalLong.of(parent.pid()));
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

    private RedisServer start(Persistence persistence, OptionalLong watchPid) {
        return RedisServer.start(Ports.free(), dir, dir.resolve("redis.log"), watchPid, persistence);
    }
}
