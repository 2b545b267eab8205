package dev.ratchet.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.local.LocalCluster;
import dev.ratchet.local.LocalLayout;

/**
 * Scenario 2: hop latencies at a steady load, read off the wire, beside Kafka's own end-to-end latency measured
 * on the same broker right after.
 */
final class HopRuns {

    private final LocalCluster cluster;
    private final RatchetRunner ratchet;
    private final TopicTap tap;
    private final Profile zero;
    private final BenchSettings settings;
    private final Consumer<String> step;
    private final LocalLayout layout;

    HopRuns(LocalCluster cluster, RatchetRunner ratchet, TopicTap tap, Profile zero, BenchSettings settings,
            Consumer<String> step, LocalLayout layout) {
        this.cluster = cluster;
        this.ratchet = ratchet;
        this.tap = tap;
        this.zero = zero;
        this.settings = settings;
        this.step = step;
        this.layout = layout;
    }

    void run(Figures figures, double ceilingStepsPerSecond) {
        double rate = Math.min(settings.hopTargetStepsPerSecond(), 0.7 * ceilingStepsPerSecond);
        Duration interval = Duration.ofMillis(Math.round(1000.0 * zero.steps() / rate));
        step.accept(String.format(Locale.ROOT, "hop latency at %.1f steps/s (one %d-step session every %d ms) "
                + "for %d s", rate, zero.steps(), interval.toMillis(), settings.hopSeconds()));
        tap.clear();
        RunResult r = ratchet.runAtRate(zero, interval, Duration.ofSeconds(settings.hopSeconds()));
        Set<String> sessions = tap.events().stream().filter(t -> t.event() instanceof SessionCreated)
                .map(t -> t.event().sessionId()).collect(Collectors.toSet());
        figures.add("load.steps_per_s", r.stepsPerSecond(), "steps/s");
        for (Map.Entry<String, Histogram> hop : Hops.measure(tap.events(), sessions).entrySet()) {
            Histogram h = hop.getValue();
            figures.add("hop_ms.p50." + hop.getKey(), h.getValueAtPercentile(50) / 1000.0, "ms");
            figures.add("hop_ms.p99." + hop.getKey(), h.getValueAtPercentile(99) / 1000.0, "ms");
            figures.add("hop_ms.p99.9." + hop.getKey(), h.getValueAtPercentile(99.9) / 1000.0, "ms");
            figures.add("hop_count." + hop.getKey(), h.getTotalCount(), "hops");
        }
        step.accept("Kafka's floor: EndToEndLatency, " + settings.floorMessages() + " records of 1 KiB, acks=all");
        KafkaFloor.Percentiles floor = KafkaFloor.measure(cluster.kafkaBootstrapServers(), benchClasspath(),
                settings.floorMessages(), cluster.stateDir());
        figures.add("kafka_floor_ms.p50", floor.p50(), "ms");
        figures.add("kafka_floor_ms.p99", floor.p99(), "ms");
        figures.add("kafka_floor_ms.p99.9", floor.p999(), "ms");
        figures.add("kafka_floor_ms.avg", floor.average(), "ms");
    }

    private String benchClasspath() {
        return BenchLayout.classpath(layout);
    }
}
