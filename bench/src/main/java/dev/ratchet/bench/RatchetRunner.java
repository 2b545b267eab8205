package dev.ratchet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.local.ApiEndpoint;
import dev.ratchet.local.PlatformClient;

/**
 * Runs sessions through the cluster the way a team would: POST them to the platform API, then wait for their
 * SessionCompleted / SessionFailed events on Kafka. The wall time ends at the last event's Kafka timestamp.
 */
public final class RatchetRunner {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final PlatformClient api;
    private final TopicTap tap;
    private final Workload workload;

    public RatchetRunner(ApiEndpoint planner, TopicTap tap, Workload workload) {
        this.api = new PlatformClient(planner);
        this.tap = tap;
        this.workload = workload;
    }

    /** Submits {@code sessions} sessions at once and waits until all have ended. */
    public RunResult runAll(Profile profile, int sessions) {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            requests.add(workload.sessionRequest(profile, i, workload.newRepository()));
        }
        return runAll(requests);
    }

    /** Submits these session requests at once (their repositories made beforehand) and waits until all ended. */
    public RunResult runAll(List<Map<String, Object>> requests) {
        long start = System.currentTimeMillis();
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> request : requests) {
            ids.add(api.createSession(request).path("id").asText());
        }
        return await(ids, start);
    }

    /**
     * Submits one session every {@code interval} for {@code duration} (an open-loop load: arrivals do not wait for
     * earlier sessions), then waits until all have ended.
     */
    public RunResult runAtRate(Profile profile, Duration interval, Duration duration) {
        long start = System.currentTimeMillis();
        long end = start + duration.toMillis();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (long next = start; next < end; next += interval.toMillis()) {
            Path repo = workload.newRepository();
            Pause.until(next);
            ids.add(api.createSession(workload.sessionRequest(profile, n++, repo)).path("id").asText());
        }
        return await(ids, start);
    }

    private RunResult await(Set<String> ids, long start) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<TopicTap.Tapped> ended = tap.events().stream().filter(t -> ids.contains(t.event().sessionId()))
                    .filter(t -> t.event() instanceof SessionCompleted || t.event() instanceof SessionFailed)
                    .toList();
            if (ended.stream().map(t -> t.event().sessionId()).distinct().count() == ids.size()) {
                long last = ended.stream().mapToLong(TopicTap.Tapped::producedAtMillis).max().orElse(start);
                List<SessionCompleted> completed = ended.stream().map(TopicTap.Tapped::event)
                        .filter(SessionCompleted.class::isInstance).map(SessionCompleted.class::cast).toList();
                int steps = completed.stream().mapToInt(c -> c.payload().steps().size()).sum();
                long tokens = completed.stream().mapToLong(c -> c.payload().usage().tokensOut()).sum();
                return new RunResult(last - start, ids.size(), completed.size(), steps, tokens, List.copyOf(ids));
            }
            Pause.of(Duration.ofMillis(20));
        }
        throw new IllegalStateException(ids.size() + " benchmark sessions did not end within " + TIMEOUT);
    }

    /** The session as {@code GET /api/v1/sessions/{id}} shows it. */
    public JsonNode session(String id) {
        return api.session(id);
    }

    /**
     * What Ratchet added to each decided attempt of these sessions beyond its model and its checks
     * ({@code timings.orchestrationMs} of every attempt in {@code GET /api/v1/sessions/{id}}).
     */
    public List<Long> orchestrationMs(RunResult run) {
        List<Long> values = new ArrayList<>();
        for (String id : run.sessionIds()) {
            for (JsonNode step : api.session(id).path("steps")) {
                for (JsonNode attempt : step.path("attemptHistory")) {
                    JsonNode t = attempt.path("timings");
                    if (t.path("totalMs").asLong() > 0) {
                        values.add(t.path("orchestrationMs").asLong());
                    }
                }
            }
        }
        return values;
    }
}
