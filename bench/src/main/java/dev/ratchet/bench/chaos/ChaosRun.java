package dev.ratchet.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.ratchet.bench.Pause;
import dev.ratchet.local.Demo;
import dev.ratchet.local.LocalCluster;
import dev.ratchet.local.LocalLayout;
import dev.ratchet.local.PlatformClient;
import dev.ratchet.local.VerifiedState;

/**
 * One chaos run: a fresh local cluster with 2 executors and the simulated model on the demo's scenario, the
 * sessions in waves and the faults of the schedule at the same time, then the checks, from Redis, the target
 * repositories and the dead-letter topics, once every session ended or the deadline passed.
 */
public final class ChaosRun {

    private static final Duration POLL = Duration.ofSeconds(2);
    /**
     * Ports 19092, 16379, 18080... rather than the ones `./ratchet up`, the demo, the ITs and the benchmark prefer:
     * a run started while one of those starts would otherwise share services with it (see
     * {@link LocalCluster.Options#portOffset()}).
     */
    static final int PORT_OFFSET = 10_000;

    private final ChaosSettings settings;
    private final long seed;
    private final LocalLayout layout;
    private final Path dir;
    private final Consumer<String> out;

    public ChaosRun(ChaosSettings settings, long seed, LocalLayout layout, Path dir, Consumer<String> out) {
        this.settings = settings;
        this.seed = seed;
        this.layout = layout;
        this.dir = dir;
        this.out = out;
    }

    public ChaosResult run() {
        Demo.requirePython();
        Instant startedAt = Instant.now();
        List<Fault> schedule = FaultSchedule.plan(seed, settings);
        out.accept("schedule (seed " + seed + "):");
        schedule.forEach(f -> out.accept("  " + f));
        LocalCluster.Options options = LocalCluster.Options.defaults().withExecutors(2)
                .withState(dir.resolve("cluster"), true).withPortOffset(PORT_OFFSET);
        try (LocalCluster cluster = LocalCluster.start(layout, options, line -> out.accept("  " + line))) {
            RedisView redis = new RedisView(cluster.redisUrl());
            long start = System.currentTimeMillis();
            SessionWaves waves = new SessionWaves(settings, layout, dir.resolve("repos"),
                    new PlatformClient(cluster.planner()), redis);
            try (FaultRunner runner = new FaultRunner(schedule, cluster, redis, seed, waves, start,
                    line -> out.accept("  " + line))) {
                runner.run();
                restartWhatIsDown(cluster);
                awaitSessions(redis, waves.ids(), start + settings.window().plus(settings.deadline()).toMillis(),
                        start);
                return check(cluster, redis, waves, runner, startedAt);
            }
        }
    }

    private ChaosResult check(LocalCluster cluster, RedisView redis, SessionWaves waves, FaultRunner runner,
            Instant startedAt) {
        Set<String> ids = new LinkedHashSet<>(waves.ids());
        redis.repos().forEach((id, repo) -> {
            if (!ids.contains(id)) {
                if (waves.ours(repo)) {
                    out.accept("also checking " + id + ", created by a submission that got no answer");
                    ids.add(id);
                } else {
                    out.accept("left out " + id + " on " + repo + ": not this run's (another client used its "
                            + "planner)");
                }
            }
        });
        List<SessionRecord> records = ids.stream().map(redis::read).toList();
        List<LeaseLoss> losses = LeaseLosses.read(cluster.stateDir().resolve("logs"));
        ChaosChecker.Verdicts verdicts = new ChaosChecker(runner.kills(), losses, this::replay).check(records);
        Map<String, List<ProgressEntry>> progress = new LinkedHashMap<>();
        records.forEach(r -> progress.put(r.id(), r.progress()));
        Recovery.Summary recovery = Recovery.summarize(Recovery.samples(runner.kills(), progress));
        Map<String, String> sent = runner.poisonSent();
        Set<String> dead = PoisonCheck.deadLettered(cluster.kafkaBootstrapServers(), sent);
        List<String> missing = sent.keySet().stream().filter(m -> !dead.contains(m)).sorted()
                .map(m -> m + " (sent to " + sent.get(m) + ")").toList();
        return new ChaosResult(settings, seed, startedAt, Duration.between(startedAt, Instant.now()).toMillis()
                / 1000.0, verdicts, runner.counts(Fault.Action.KILL, FaultSchedule.KILLED),
                runner.counts(Fault.Action.RESTART, FaultSchedule.RESTARTED), sent.size(), dead.size(), missing,
                recovery, runner.done().stream().map(Object::toString).toList(), runner.failures());
    }

    private Optional<String> replay(SessionRecord session, List<String> patches) {
        VerifiedState.Replay replay = VerifiedState.replay(Path.of(session.repo()), session.baseCommit(), patches,
                Demo.CHECK_COMMAND, dir.resolve("replay").resolve(session.id()));
        return replay.passed() ? Optional.empty() : Optional.of(replay.describe());
    }

    /** A start that failed in the schedule (a slow machine) is tried again, so that sessions can still finish. */
    private void restartWhatIsDown(LocalCluster cluster) {
        for (String service : FaultSchedule.KILLED) {
            try {
                String started = cluster.start(service).toString();
                if (started.startsWith("started")) {
                    out.accept("  " + started + " (its start in the schedule had failed)");
                }
            } catch (RuntimeException e) {
                out.accept("  could not start " + service + ": " + e.getMessage());
            }
        }
    }

    private void awaitSessions(RedisView redis, List<String> ids, long deadlineMs, long start) {
        log(start, "faults done; waiting for " + redis.unfinished(ids).size() + " unfinished sessions (until "
                + Instant.ofEpochMilli(deadlineMs) + ")");
        List<String> left = new ArrayList<>(ids);
        while (!left.isEmpty() && System.currentTimeMillis() < deadlineMs) {
            Pause.of(POLL);
            left = new ArrayList<>(redis.unfinished(ids));
        }
        log(start, left.isEmpty() ? "every session ended" : left.size() + " sessions unfinished at the deadline");
    }

    private void log(long start, String line) {
        out.accept(String.format(Locale.ROOT, "  %7.1fs %s", (System.currentTimeMillis() - start) / 1000.0, line));
    }
}
