package dev.ratchet.bench;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.ratchet.local.LocalCluster;

/**
 * Scenario 3: verified steps per second through the whole cluster when the model costs nothing, and where the CPU
 * goes: CPU milliseconds per verified step of each service (git and check processes included).
 */
final class ThroughputRuns {

    private final LocalCluster cluster;
    private final RatchetRunner ratchet;
    private final Profile zero;
    private final BenchSettings settings;
    private final Consumer<String> step;

    ThroughputRuns(LocalCluster cluster, RatchetRunner ratchet, Profile zero, BenchSettings settings,
            Consumer<String> step) {
        this.cluster = cluster;
        this.ratchet = ratchet;
        this.zero = zero;
        this.settings = settings;
        this.step = step;
    }

    /** @return the median throughput, steps per second */
    double run(Figures figures) {
        for (int run = 1; run <= settings.runs(); run++) {
            Map<String, Double> before = ClusterProcesses.sum(cluster, ProcessStats::cpuMillis);
            RunResult r = ratchet.runAll(zero, settings.throughputSessions());
            Map<String, Double> after = ClusterProcesses.sum(cluster, ProcessStats::cpuMillis);
            figures.add("throughput.steps_per_s", r.stepsPerSecond(), "steps/s");
            double total = 0;
            for (Map.Entry<String, Double> e : after.entrySet()) {
                double ms = (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / r.verifiedSteps();
                figures.add("cpu_ms_per_step." + e.getKey(), ms, "ms");
                total += ms;
            }
            figures.add("cpu_ms_per_step.total", total, "ms");
            step.accept(String.format(Locale.ROOT, "throughput run %d: %d steps in %d ms, %.1f steps/s", run,
                    r.verifiedSteps(), r.wallMillis(), r.stepsPerSecond()));
        }
        return figures.summaries().get("throughput.steps_per_s").median();
    }
}
