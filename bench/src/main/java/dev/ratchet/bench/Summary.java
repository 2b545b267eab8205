package dev.ratchet.bench;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The headline figures with their targets, printed at the end of a run. */
final class Summary {

    private static final List<String> HEADLINES = List.of("overhead_ratio.e1.1000tps", "overhead_ratio.e4.1000tps",
            "overhead_ratio.e1.5000tps", "hop_ms.p99.requested_to_executor", "hop_ms.p99.executed_to_verifier",
            "hop_ms.p99.verdict_to_next_request", "kafka_floor_ms.p99", "throughput.steps_per_s",
            "scaleout.efficiency.e4");

    private Summary() {
    }

    static void print(List<ScenarioResult> results, Consumer<String> out) {
        out.accept("headline figures (median):");
        for (ScenarioResult result : results) {
            Map<String, Figures.Summary> all = result.figures().summaries();
            all.forEach((name, s) -> {
                if (HEADLINES.contains(name) || name.startsWith("ready_s.") || name.startsWith("rss_mb.idle.")) {
                    String target = Targets.of(name).map(t -> "  target " + t.describe() + ": "
                            + Targets.verdict(t, s.median(), all)).orElse("");
                    out.accept("  " + name + " = " + Targets.fmt(s.median()) + " " + s.unit() + target);
                }
            });
        }
    }
}
