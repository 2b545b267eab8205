package dev.ratchet.runtime.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Whether the broker and Redis answer, found out in the background every second and kept, so that a health probe
 * answers at once whatever their state. (Quarkus' own Kafka check waits for the admin client's 60 s timeout while
 * the broker is down, longer than any probe's timeout; a probe must see a clear DOWN, not a timeout.)
 */
@ApplicationScoped
public class InfraProbe {

    /** The last answer of one dependency: up or not, why, and when it was found out. */
    public record State(boolean up, String detail, Instant checkedAt) {
    }

    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);

    private final RedisDataSource redis;
    private final String bootstrapServers;
    private volatile State kafka = new State(false, "not checked yet", Instant.now());
    private volatile State redisState = new State(false, "not checked yet", Instant.now());
    private ScheduledExecutorService timer;
    private Admin admin;

    InfraProbe(RedisDataSource redis, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.redis = redis;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "ratchet-infra-probe");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::probeKafka, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::probeRedis, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The broker's state; a probe older than a few seconds counts as down (it is stuck waiting). */
    public State kafka() {
        return fresh(kafka);
    }

    public State redis() {
        return fresh(redisState);
    }

    private static State fresh(State s) {
        Duration age = Duration.between(s.checkedAt(), Instant.now());
        return age.compareTo(Duration.ofSeconds(5)) > 0
                ? new State(false, "no answer for " + age.toSeconds() + " s (last: " + s.detail() + ")",
                        s.checkedAt())
                : s;
    }

    private void probeKafka() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .nodes().get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            kafka = new State(nodes > 0, nodes + " broker(s) at " + bootstrapServers, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            kafka = new State(false, "broker at " + bootstrapServers + " not answering: " + e.getMessage(),
                    Instant.now());
        }
    }

    private void probeRedis() {
        try {
            String pong = redis.execute("PING").toString();
            redisState = new State("PONG".equals(pong), "PING answered " + pong, Instant.now());
        } catch (RuntimeException e) {
            redisState = new State(false, "not answering: " + e.getMessage(), Instant.now());
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
