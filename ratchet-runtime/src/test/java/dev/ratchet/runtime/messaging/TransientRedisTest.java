package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ratchet.infra.RedisServer;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Real failures of the Quarkus Redis client that are Redis being away for a while, so that handlers wait them out
 * instead of dead-lettering: a stopped server, a server busy with a script, a server loading its data. Each is
 * produced for real on a redis-server of the test's own ({@link OutageRedisResource}).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(OutageRedisResource.class)
class TransientRedisTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    @RedisClientName("outage")
    RedisDataSource outage;

    @Test
    void aStoppedRedisIsAnOutageAndTheClientRecoversWhenItIsBack() {
        outage.value(String.class).set("k", "v");
        OutageRedisResource.server().stop();

        RuntimeException failure = failureOf(() -> outage.value(String.class).get("k"));

        assertThat(Transient.is(failure)).as("%s", failure).isTrue();
        OutageRedisResource.restart();
        await().atMost(WAIT).ignoreExceptions().until(() -> outage.value(String.class).get("k") == null);
    }

    @Test
    void aRedisBusyWithAScriptIsAnOutage() {
        RedisServer server = OutageRedisResource.server();
        assertThat(server.command("CONFIG SET lua-time-limit 100")).isEqualTo("+OK");
        CompletableFuture<String> script = CompletableFuture.supplyAsync(
                () -> server.command("EVAL \"while true do end\" 0"));
        try {
            AtomicReference<RuntimeException> busy = new AtomicReference<>();
            await().atMost(WAIT).until(() -> {
                busy.set(failureOrNull(() -> outage.value(String.class).get("k")));
                return answered(busy.get(), "BUSY");
            });
            assertThat(Transient.is(busy.get())).as("%s", busy.get()).isTrue();
        } finally {
            await().atMost(WAIT).until(() -> {
                String reply = server.command("SCRIPT KILL");
                return "+OK".equals(reply) || reply != null && reply.startsWith("-NOTBUSY");
            });
            script.join();
        }
    }

    /**
     * {@code DEBUG RELOAD} saves the data and loads it back; while it loads (in steps of 2 MB) Redis answers every
     * other command with {@code LOADING}, as it does after a restart with a large AOF. A command sent while it saves
     * waits, then gets that answer.
     */
    @Test
    void aRedisLoadingItsDataIsAnOutage() {
        outage.execute("DEBUG", "POPULATE", "400000", "ratchet:populate", "64");
        AtomicReference<CompletableFuture<?>> reload = new AtomicReference<>(CompletableFuture.completedFuture(null));
        AtomicReference<RuntimeException> loading = new AtomicReference<>();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
                if (reload.get().isDone()) {
                    reload.set(CompletableFuture.runAsync(() -> outage.execute("DEBUG", "RELOAD")));
                }
                loading.set(failureOrNull(() -> outage.value(String.class).get("k")));
                return answered(loading.get(), "LOADING");
            });

            assertThat(Transient.is(loading.get())).as("%s", loading.get()).isTrue();
        } finally {
            await().atMost(WAIT).until(() -> reload.get().isDone());
            outage.execute("FLUSHALL");
        }
    }

    /** True when {@code failure} (or a cause of it) is Redis' error reply starting with {@code code}. */
    private static boolean answered(Throwable failure, String code) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith(code + " ")) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException failureOf(Runnable call) {
        RuntimeException failure = failureOrNull(call);
        assertThat(failure).as("the call fails").isNotNull();
        return failure;
    }

    private static RuntimeException failureOrNull(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
