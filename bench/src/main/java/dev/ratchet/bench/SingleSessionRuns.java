package dev.ratchet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What one person watching one session feels (issue 14): a session alone on the cluster against the in-process
 * baseline running the same session, on a freshly started cluster (before any warm-up), right after the executors
 * were scaled (new processes, new partition assignments) and warm; and, over every attempt those sessions decided,
 * the orchestration time (attempt wall time minus model time minus check time). Only lone sessions are sampled for
 * orchestration: with several sessions in flight an attempt's wait for a busy executor would count as orchestration.
 */
final class SingleSessionRuns {

    static final String RATIO = "single_session.overhead_ratio.1000tps";

    private final RatchetRunner ratchet;
    private final BaselineRunner baseline;
    private final Workload workload;
    private final Profile profile;
    private final Consumer<String> step;
    private final Figures figures = new Figures();
    private final List<Long> orchestration = new ArrayList<>();

    SingleSessionRuns(RatchetRunner ratchet, BaselineRunner baseline, Workload workload, Profile profile,
            Consumer<String> step) {
        this.ratchet = ratchet;
        this.baseline = baseline;
        this.workload = workload;
        this.profile = profile;
        this.step = step;
    }

    /** The baseline's own JIT warm-up, untimed: it stands for the model alone, not for a cold JVM. */
    void warmBaseline() {
        baseline.runAll(profile, 1, workload);
    }

    /** One lone session on the cluster, then the same session in process; {@code when} names the figure. */
    void run(String when) {
        RunResult r = ratchet.runAll(profile, 1);
        if (r.completed() != 1) {
            throw new IllegalStateException("the lone benchmark session (" + when + ") failed");
        }
        RunResult b = baseline.runAll(profile, 1, workload);
        figures.add(RATIO + "." + when, (double) r.wallMillis() / b.wallMillis(), "ratio");
        figures.add("single_session.wall_ms.ratchet." + when, r.wallMillis(), "ms");
        figures.add("single_session.wall_ms.baseline." + when, b.wallMillis(), "ms");
        List<Long> attempts = ratchet.orchestrationMs(r);
        orchestration.addAll(attempts);
        step.accept(String.format(Locale.ROOT, "one session alone (%s): ratchet %d ms, baseline %d ms, "
                + "orchestration per attempt %s ms", when, r.wallMillis(), b.wallMillis(), attempts));
    }

    /** The figures, with the orchestration percentiles over every attempt sampled. */
    Figures figures() {
        if (!orchestration.isEmpty()) {
            figures.add("orchestration_ms.p50", percentile(orchestration, 0.50), "ms");
            figures.add("orchestration_ms.p99", percentile(orchestration, 0.99), "ms");
            figures.add("orchestration_ms.max", percentile(orchestration, 1.0), "ms");
            figures.add("orchestration.attempts", orchestration.size(), "attempts");
        }
        return figures;
    }

    /** The nearest-rank percentile: a value that was really measured. */
    static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
