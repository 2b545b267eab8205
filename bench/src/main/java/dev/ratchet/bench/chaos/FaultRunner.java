package dev.ratchet.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.ratchet.bench.Pause;
import dev.ratchet.local.LocalCluster;

/**
 * Carries the schedule out against the running cluster, one action after another at its time (one that has to wait
 * for the one before, a service start say, runs late; its log line says when it ran). A kill waits, up to
 * {@link #BUSY_WAIT}, until its service has work in hand (an executor or the verifier holding a lease, the planner
 * any unfinished session), so that kills hit sessions rather than idle processes; the sessions it hits are noted
 * from Redis just before the kill, for the recovery times.
 */
final class FaultRunner implements AutoCloseable {

    /** What one fault did. */
    record Done(Fault fault, long atMs, int inFlight, String outcome) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%7.1fs %s %s%s: %s", atMs / 1000.0,
                    fault.action().name().toLowerCase(Locale.ROOT), fault.target(), fault.poison() == null ? ""
                            : " " + fault.poison().name().toLowerCase(Locale.ROOT), outcome);
        }
    }

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    /**
     * An executor holds a demo step's lease for 1-3 s of every 10-20 s of a session, the verifier for 2-5 s; with
     * two or three sessions in flight 20 s finds them busy almost always, and still ends a wait when nothing comes.
     */
    static final Duration BUSY_WAIT = Duration.ofSeconds(20);
    private static final Duration BUSY_POLL = Duration.ofMillis(100);

    private final List<Fault> schedule;
    private final LocalCluster cluster;
    private final RedisView redis;
    private final long seed;
    private final SessionWaves waves;
    private final long startMs;
    private final Consumer<String> log;
    private final KafkaProducer<String, String> producer;
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final List<Done> done = new CopyOnWriteArrayList<>();
    private final Map<String, String> markers = new ConcurrentHashMap<>();

    FaultRunner(List<Fault> schedule, LocalCluster cluster, RedisView redis, long seed, SessionWaves waves,
            long startMs, Consumer<String> log) {
        this.schedule = schedule;
        this.cluster = cluster;
        this.redis = redis;
        this.seed = seed;
        this.waves = waves;
        this.startMs = startMs;
        this.log = log;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.kafkaBootstrapServers(),
                "client.id", "ratchet-chaos", "acks", "all", "max.block.ms", (int) SEND_TIMEOUT.toMillis(),
                "delivery.timeout.ms", (int) SEND_TIMEOUT.toMillis()), new StringSerializer(),
                new StringSerializer());
    }

    /** Carries the whole schedule out; returns after its last action. */
    void run() {
        int poisoned = 0;
        for (Fault fault : schedule) {
            Pause.until(startMs + fault.atMs());
            long at = System.currentTimeMillis() - startMs;
            int inFlight = redis.unfinished(waves.ids()).size();
            String outcome;
            try {
                outcome = switch (fault.action()) {
                    case SUBMIT -> "submitted " + String.join(", ", waves.submit(fault.wave()));
                    case KILL -> kill(fault.target());
                    case START -> cluster.start(fault.target()).toString();
                    case RESTART -> restart(fault.target());
                    case POISON -> poison(fault, PoisonRecords.marker(seed, ++poisoned));
                };
            } catch (RuntimeException e) {
                outcome = "FAILED: " + e.getMessage();
            }
            Done d = new Done(fault, at, inFlight, outcome + " (" + inFlight + " sessions in flight)");
            done.add(d);
            log.accept(d.toString());
        }
    }

    private String kill(String service) {
        long waitUntil = System.nanoTime() + BUSY_WAIT.toNanos();
        long waited = System.nanoTime();
        Set<String> affected = workOf(service);
        while (affected.isEmpty() && System.nanoTime() < waitUntil) {
            Pause.of(BUSY_POLL);
            affected = workOf(service);
        }
        String killed = cluster.kill(service).toString();
        kills.add(new Kill(service, redis.nowMs(), affected));
        return String.format(Locale.ROOT, "%s after waiting %.1f s for it to work, holding work of %d sessions",
                killed, (System.nanoTime() - waited) / 1e9, affected.size());
    }

    /** The sessions the service works for now (see {@link Kill#affected()}). */
    private Set<String> workOf(String service) {
        Set<String> unfinished = redis.unfinished(waves.ids());
        return service.startsWith("planner") ? unfinished
                : redis.holding(service, service.startsWith("executor") ? "executor" : "verifier", unfinished);
    }

    private String restart(String part) {
        return cluster.restart(part).toString();
    }

    private String poison(Fault fault, String marker) {
        try {
            producer.send(PoisonRecords.record(fault.target(), fault.poison(), marker))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            markers.put(marker, fault.target());
            return "sent " + marker;
        } catch (ExecutionException | TimeoutException e) {
            return "FAILED to send " + marker + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    List<Done> done() {
        return List.copyOf(done);
    }

    /** The markers of the poison records the broker acknowledged, with the topic each went to. */
    Map<String, String> poisonSent() {
        return Map.copyOf(markers);
    }

    /** How often each part was killed, or restarted gracefully, in the order the parts were named. */
    Map<String, Integer> counts(Fault.Action action, List<String> parts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        parts.forEach(p -> counts.put(p, 0));
        done.stream().filter(d -> d.fault().action() == action && !d.outcome().startsWith("FAILED"))
                .forEach(d -> counts.merge(d.fault().target(), 1, Integer::sum));
        return counts;
    }

    List<String> failures() {
        List<String> failed = new ArrayList<>();
        done.stream().filter(d -> d.outcome().startsWith("FAILED") || d.outcome().contains("FAILED to send"))
                .forEach(d -> failed.add(d.toString()));
        return failed;
    }

    @Override
    public void close() {
        producer.close(SEND_TIMEOUT);
    }
}
