package dev.ratchet.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ratchet.bench.Pause;
import dev.ratchet.local.Demo;
import dev.ratchet.local.LocalLayout;
import dev.ratchet.local.PlatformClient;

/**
 * Submits the run's sessions, a wave at a time: the demo's goal and check, each on a fresh copy of
 * {@code examples/textstats}. The schedule's own thread submits them, so no kill lands in the middle of a POST. A
 * submission that fails anyway (the planner is not ready yet, or answered too late on a busy machine) is tried again
 * until the planner answers, unless Redis shows that the session was created after all: each session has a
 * repository of its own, so the one on it is the one submitted.
 */
final class SessionWaves {

    /** The planner is down for at most a restart pause and a start (2-10 s, a minute when the machine is busy). */
    private static final Duration GIVE_UP = Duration.ofMinutes(5);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ChaosSettings settings;
    private final LocalLayout layout;
    private final Path repos;
    private final PlatformClient api;
    private final RedisView redis;
    private final List<String> ids = new CopyOnWriteArrayList<>();

    SessionWaves(ChaosSettings settings, LocalLayout layout, Path repos, PlatformClient api, RedisView redis) {
        this.settings = settings;
        this.layout = layout;
        this.repos = repos;
        this.api = api;
        this.redis = redis;
    }

    /** The sessions submitted so far. */
    List<String> ids() {
        return List.copyOf(ids);
    }

    /** Submits wave {@code wave}'s sessions; returns their ids. */
    List<String> submit(int wave) {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < settings.sessionsInWave(wave); i++) {
            Path repo = Demo.prepareRepository(layout, repos.resolve("s" + (ids.size() + 1)).resolve(Demo.SAMPLE));
            String id = submit(repo);
            ids.add(id);
            submitted.add(id);
        }
        return submitted;
    }

    private String submit(Path repo) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            try {
                return api.createSession(Demo.sessionRequest(repo)).path("id").asText();
            } catch (IllegalStateException e) {
                Optional<String> created = sessionOn(repo);
                if (created.isPresent()) {
                    return created.get();
                }
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("the planner took no session for " + GIVE_UP.toMinutes()
                            + " minutes: " + e.getMessage(), e);
                }
            }
            Pause.of(RETRY);
        }
    }

    private Optional<String> sessionOn(Path repo) {
        return redis.repos().entrySet().stream().filter(e -> Path.of(e.getValue()).equals(repo))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Whether a session's repository is one of this run's copies. */
    boolean ours(String repo) {
        return repo != null && Path.of(repo).startsWith(repos);
    }
}
