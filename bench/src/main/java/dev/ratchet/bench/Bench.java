package dev.ratchet.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.ratchet.core.event.Topics;
import dev.ratchet.local.LocalCluster;
import dev.ratchet.local.LocalLayout;

/**
 * One benchmark run: a local cluster started as `./ratchet up` starts it (one executor process per step in flight,
 * services started one at a time so each one's start-up is measured alone), then every scenario on it, scaling the
 * executors from 1 to 2 to 4 on the way.
 */
public final class Bench {

    /**
     * The ceiling and the hops are measured with spare executor slots, so that a hop is the messaging path and not
     * a wait for a busy one-step executor; two processes because on 2 cores every extra JVM costs CPU.
     */
    static final int THROUGHPUT_EXECUTORS = 2;
    static final int THROUGHPUT_CONCURRENCY = 4;
    /** The best-of-N figure: 15 variants on 4 executors, ideally ceil(15 / 4) = 4 rounds of model calls. */
    static final int BEST_OF_N_EXECUTORS = 4;

    private final BenchSettings settings;
    private final LocalLayout layout;
    private final Consumer<String> out;
    private final Workload workload;
    private final Path workDir;
    private final Profile fast;
    private final Profile faster;
    private final Profile zero;

    public Bench(BenchSettings settings, LocalLayout layout, Path workDir, Consumer<String> out) {
        this.settings = settings;
        this.layout = layout;
        this.out = out;
        this.workload = new Workload(workDir);
        this.workDir = workDir;
        this.fast = Profile.modelBound(settings.steps(), 1000);
        this.faster = Profile.modelBound(settings.steps(), 5000);
        this.zero = Profile.zeroLatency(settings.steps() * 2);
    }

    public List<ScenarioResult> run() {
        Path scenario = workload.scenario(List.of(fast, faster, zero), BestOfNRuns.rules());
        // A cluster of its own, started empty: a kept .ratchet/local would skew every figure.
        LocalCluster.Options options = LocalCluster.Options.defaults().withExecutors(1).withExecutorConcurrency(1)
                .withScenario(scenario).withSequentialStart(true).withState(workDir.resolve("cluster"), true);
        Figures footprint = new Figures();
        Figures overhead = new Figures();
        Figures scaleOut = new Figures();
        Figures throughput = new Figures();
        Figures hops = new Figures();
        SingleSessionRuns alone;
        BestOfNRuns bestOfN;
        try (LocalCluster cluster = LocalCluster.start(layout, options, line -> out.accept("  " + line));
                TopicTap tap = new TopicTap(cluster.kafkaBootstrapServers(), List.of(Topics.STEPS_REQUESTED,
                        Topics.STEPS_EXECUTED, Topics.STEPS_VERDICTS, Topics.SESSIONS_EVENTS))) {
            cluster.readySeconds().forEach((name, s) -> footprint.add("ready_s." + ClusterProcesses.service(name), s,
                    "s"));
            idleMemory(cluster, footprint);
            RatchetRunner ratchet = new RatchetRunner(cluster.planner(), tap, workload);
            URI model = cluster.simulatorUrl().orElseThrow();
            alone = new SingleSessionRuns(ratchet, new BaselineRunner(model, workload.dir().resolve(
                    "baseline-single"), 1), workload, fast, this::step);
            bestOfN = new BestOfNRuns(ratchet, tap, workload, this::step);
            alone.warmBaseline();
            step("one session on the freshly started cluster");
            alone.run("fresh");
            warmUp(ratchet, model);
            for (int run = 1; run <= settings.runs(); run++) {
                alone.run("warm");
            }
            try (RssSampler rss = new RssSampler(cluster)) {
                for (int executors : List.of(1, 2, 4)) {
                    step("scaling to " + executors + " executor processes");
                    cluster.scaleExecutors(executors);
                    if (executors > 1) {
                        alone.run("after_scale_e" + executors);
                    }
                    modelBoundRuns(ratchet, model, executors, overhead, scaleOut);
                    if (executors == BEST_OF_N_EXECUTORS) {
                        step("best-of-" + BestOfNRuns.VARIANTS + " against one variant on " + executors
                                + " executor processes");
                        bestOfN.run(settings.runs(), executors);
                    }
                }
                rss.peak().forEach((s, mb) -> footprint.add("rss_mb.loaded." + s, mb, "MB"));
            }
            step("2 executor processes with 4 steps in flight each, for the ceiling and the hop latencies");
            cluster.scaleExecutors(THROUGHPUT_EXECUTORS, THROUGHPUT_CONCURRENCY);
            ratchet.runAll(zero, 4);
            double ceiling = new ThroughputRuns(cluster, ratchet, zero, settings, this::step).run(throughput);
            new HopRuns(cluster, ratchet, tap, zero, settings, this::step, layout).run(hops, ceiling);
        }
        efficiency(scaleOut);
        return List.of(
                new ScenarioResult("overhead", "1. Overhead ratio (Ratchet wall time / in-process baseline)",
                        settingsWith(Map.of("tokensPerStep", fast.tokensPerStep(), "ttftMs", fast.ttftMs(),
                                "checks", "true (no-op)", "executorConcurrency", 1)), overhead),
                new ScenarioResult("hop-latency", "2. Hop latency against Kafka's own floor", Map.of(
                        "hopSeconds", settings.hopSeconds(), "targetStepsPerSecond",
                        settings.hopTargetStepsPerSecond(), "floorMessages", settings.floorMessages(),
                        "floorRecordBytes", 1024, "model", "zero-latency", "executors", THROUGHPUT_EXECUTORS,
                        "executorConcurrency", THROUGHPUT_CONCURRENCY), hops),
                new ScenarioResult("throughput", "3. Throughput ceiling (zero-latency model, no-op checks)", Map.of(
                        "sessions", settings.throughputSessions(), "stepsPerSession", zero.steps(), "runs",
                        settings.runs(), "executors", THROUGHPUT_EXECUTORS, "executorConcurrency",
                        THROUGHPUT_CONCURRENCY), throughput),
                new ScenarioResult("scale-out", "4. Scale-out (model-bound, 1000 tok/s)", settingsWith(Map.of(
                        "executorConcurrency", 1, "tokensPerSecond", 1000)), scaleOut),
                new ScenarioResult("footprint", "5. Footprint (JVM mode)", Map.of("jvmOptions",
                        String.join(" ", LocalCluster.serviceJvmOptions()), "startup", "one service at a time"),
                        footprint),
                new ScenarioResult("single-session", "6. One session alone (1000 tok/s) and orchestration per "
                        + "attempt", settingsWith(Map.of("sessions", 1, "tokensPerStep", fast.tokensPerStep(),
                                "ttftMs", fast.ttftMs(), "checks", "true (no-op)", "executorConcurrency", 1,
                                "fresh", "before any warm-up", "afterScale", "first session after scaling to 2, "
                                        + "then 4 executor processes")), alone.figures()),
                new ScenarioResult("best-of-n", "7. Best-of-" + BestOfNRuns.VARIANTS + " against one variant "
                        + "(1000 tok/s, one session alone)", Map.of("variants", BestOfNRuns.VARIANTS, "executors",
                                BEST_OF_N_EXECUTORS, "executorConcurrency", 1, "passingVariants",
                                BestOfNRuns.PASSING, "idealWallRatio", BestOfNRuns.ideal(BEST_OF_N_EXECUTORS),
                                "check", BestOfNRuns.CHECK.get("command"), "runs", settings.runs()),
                        bestOfN.figures()));
    }

    private void modelBoundRuns(RatchetRunner ratchet, URI model, int executors, Figures overhead,
            Figures scaleOut) {
        List<Profile> profiles = executors == 2 ? List.of(fast) : List.of(fast, faster);
        BaselineRunner baseline = new BaselineRunner(model, workload.dir().resolve("baseline-e" + executors),
                executors);
        for (Profile profile : profiles) {
            String tag = "e" + executors + "." + Math.round(profile.tokensPerSecond()) + "tps";
            for (int run = 1; run <= settings.runs(); run++) {
                RunResult r = ratchet.runAll(profile, settings.sessions());
                RunResult b = executors == 2 ? null : baseline.runAll(profile, settings.sessions(), workload);
                if (r.completed() != r.sessions()) {
                    throw new IllegalStateException(r.sessions() - r.completed() + " benchmark sessions failed");
                }
                if (profile == fast) {
                    scaleOut.add("scaleout.steps_per_s.e" + executors, r.stepsPerSecond(), "steps/s");
                }
                if (b != null) {
                    overhead.add("overhead_ratio." + tag, (double) r.wallMillis() / b.wallMillis(), "ratio");
                    overhead.add("wall_ms.ratchet." + tag, r.wallMillis(), "ms");
                    overhead.add("wall_ms.baseline." + tag, b.wallMillis(), "ms");
                    overhead.add("tokens_out_per_step." + tag, (double) r.tokensOut() / r.verifiedSteps(), "tokens");
                }
                step(String.format(Locale.ROOT, "%s run %d: ratchet %d ms%s", tag, run, r.wallMillis(),
                        b == null ? "" : ", baseline " + b.wallMillis() + " ms"));
            }
        }
    }

    private static void efficiency(Figures scaleOut) {
        Map<String, Figures.Summary> s = scaleOut.summaries();
        Figures.Summary one = s.get("scaleout.steps_per_s.e1");
        for (int e : List.of(2, 4)) {
            Figures.Summary n = s.get("scaleout.steps_per_s.e" + e);
            if (one != null && n != null) {
                scaleOut.add("scaleout.efficiency.e" + e, n.median() / (e * one.median()), "ratio");
            }
        }
    }

    private void idleMemory(LocalCluster cluster, Figures footprint) {
        step("idle for 10 s");
        Pause.of(Duration.ofSeconds(settings.quick() ? 3 : 10));
        ClusterProcesses.max(cluster, ProcessStats::rssMb)
                .forEach((service, mb) -> footprint.add("rss_mb.idle." + service, mb, "MB"));
    }

    /** Untimed sessions first: JIT, connection pools and each consumer's partitions are then warm. */
    private void warmUp(RatchetRunner ratchet, URI model) {
        step("warming up");
        ratchet.runAll(zero, 4);
        ratchet.runAll(faster, 2);
        new BaselineRunner(model, workload.dir().resolve("baseline-warm-up"), 1).runAll(faster, 2, workload);
    }

    private Map<String, Object> settingsWith(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(settings.describe());
        all.putAll(more);
        return all;
    }

    private void step(String message) {
        out.accept(String.format(Locale.ROOT, "[%s] %s", Instant.now().toString().substring(11, 19), message));
    }
}
