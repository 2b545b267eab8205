package dev.ratchet.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The performance targets from the benchmark issue, checked against a figure's median. */
public final class Targets {

    /** A bound on a figure: at most (or at least) {@code limit}; {@code relativeTo} names a figure to scale. */
    public record Target(boolean atMost, double limit, String relativeTo) {

        String describe() {
            return (atMost ? "≤ " : "≥ ") + (relativeTo == null ? fmt(limit) : fmt(limit) + " × " + relativeTo);
        }
    }

    private static final Map<String, Target> TARGETS = Map.ofEntries(
            Map.entry("overhead_ratio.e1.1000tps", new Target(true, 1.05, null)),
            Map.entry("overhead_ratio.e4.1000tps", new Target(true, 1.05, null)),
            Map.entry("overhead_ratio.e1.5000tps", new Target(true, 1.15, null)),
            Map.entry("overhead_ratio.e4.5000tps", new Target(true, 1.15, null)),
            Map.entry("hop_ms.p99.requested_to_executor", new Target(true, 1.5, "kafka_floor_ms.p99")),
            Map.entry("hop_ms.p99.executed_to_verifier", new Target(true, 1.5, "kafka_floor_ms.p99")),
            Map.entry("hop_ms.p99.verdict_to_next_request", new Target(true, 1.5, "kafka_floor_ms.p99")),
            Map.entry("scaleout.efficiency.e4", new Target(false, 0.9, null)),
            Map.entry("verdict_ratio.maven_sample", new Target(true, 1.2, null)),
            Map.entry("orchestration_ms.p50", new Target(true, 10, null)),
            Map.entry("orchestration_ms.p99", new Target(true, 25, null)));

    private Targets() {
    }

    public static Optional<Target> of(String figure) {
        if (figure.startsWith("ready_s.")) {
            return Optional.of(new Target(true, 2.0, null));
        }
        if (figure.startsWith(SingleSessionRuns.RATIO + ".")) {
            return Optional.of(new Target(true, 1.05, null));
        }
        if (figure.startsWith("rss_mb.idle.") && figure.contains("-")) {
            return Optional.of(new Target(true, 200, null));
        }
        return Optional.ofNullable(TARGETS.get(figure));
    }

    /** "met" or "missed by …", given the median of the figure and of what it is relative to. */
    public static String verdict(Target target, double median, Map<String, Figures.Summary> all) {
        double limit = target.limit();
        if (target.relativeTo() != null) {
            Figures.Summary base = all.get(target.relativeTo());
            if (base == null) {
                return "n/a";
            }
            limit = target.limit() * base.median();
        }
        boolean met = target.atMost() ? median <= limit : median >= limit;
        if (met) {
            return "met";
        }
        double by = target.atMost() ? median - limit : limit - median;
        return String.format(Locale.ROOT, "missed by %s (%.0f%%)", fmt(by), 100 * by / limit);
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
