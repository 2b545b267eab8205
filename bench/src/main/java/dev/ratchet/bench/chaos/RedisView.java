package dev.ratchet.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.ratchet.bench.Pause;
import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.store.RedisKeys;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntry;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The chaos run's view of Redis through a plain client, as an operator's {@code redis-cli} would see it. Every call
 * opens its own connection and waits out a Redis restart (a few seconds), so it works whatever the run does to Redis.
 */
public final class RedisView {

    private static final TypeReference<List<StepState>> STEPS = new TypeReference<>() {
    };
    private static final TypeReference<List<PlanStep>> PLAN = new TypeReference<>() {
    };
    /** A graceful Redis restart takes about a second; a loaded machine may need ten times that. */
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    private final URI url;

    public RedisView(String url) {
        this.url = URI.create(url);
    }

    /** Redis' clock, the one leases and stream ids are written with (epoch ms). */
    public long nowMs() {
        return call(r -> {
            List<String> t = r.time();
            return Long.parseLong(t.get(0)) * 1000 + Long.parseLong(t.get(1)) / 1000;
        });
    }

    /** Every session in the sessions index with the repository it works on (the hash's {@code repo}). */
    public Map<String, String> repos() {
        return call(r -> {
            Map<String, String> repos = new LinkedHashMap<>();
            for (String id : r.zrange(RedisKeys.SESSIONS, 0, -1)) {
                repos.put(id, String.valueOf(r.hget(RedisKeys.session(id), "repo")));
            }
            return repos;
        });
    }

    /** The sessions of {@code ids} that are not finished (planning or running) now. */
    public Set<String> unfinished(Collection<String> ids) {
        return call(r -> {
            Set<String> out = new LinkedHashSet<>();
            for (String id : ids) {
                String status = r.hget(RedisKeys.session(id), "status");
                if (!"COMPLETED".equals(status) && !"FAILED".equals(status)) {
                    out.add(id);
                }
            }
            return out;
        });
    }

    /**
     * The sessions of {@code ids} in which {@code owner} holds work of {@code role} now: a lease field
     * {@code <role>:<event id>} with {@code owner} as its holder, not expired, and not answered yet.
     */
    public Set<String> holding(String owner, String role, Collection<String> ids) {
        return call(r -> {
            List<String> t = r.time();
            long now = Long.parseLong(t.get(0)) * 1000 + Long.parseLong(t.get(1)) / 1000;
            Set<String> out = new LinkedHashSet<>();
            for (String id : ids) {
                r.hgetAll(RedisKeys.work(id)).forEach((field, value) -> {
                    int bar = value.lastIndexOf('|');
                    if (field.startsWith(role + ":") && bar > 0 && value.substring(0, bar).equals(owner)
                            && Long.parseLong(value.substring(bar + 1)) > now
                            && !r.hexists(RedisKeys.outcomes(id), field)) {
                        out.add(id);
                    }
                });
            }
            return out;
        });
    }

    public SessionRecord read(String id) {
        return call(r -> {
            Map<String, String> hash = r.hgetAll(RedisKeys.session(id));
            if (hash.isEmpty()) {
                return SessionRecord.missing(id);
            }
            String plan = r.get(RedisKeys.plan(id));
            List<String> planIds = plan == null ? List.of()
                    : json(plan, PLAN).stream().map(PlanStep::id).toList();
            List<AcceptedPatch> chain = r.lrange(RedisKeys.patches(id), 0, -1).stream()
                    .map(j -> Json.read(j, AcceptedPatch.class)).toList();
            List<Optional<String>> patches = new ArrayList<>();
            for (AcceptedPatch p : chain) {
                BlobRef ref = p.patch();
                String text = ref == null ? null : r.hget(ref.key(), ref.sha256());
                patches.add(text != null && ref.matches(text) ? Optional.of(text) : Optional.empty());
            }
            return new SessionRecord(id, true, hash.get("status"), hash.get("failureReason"), hash.get("repo"),
                    hash.get("baseCommit"), planIds, hash.containsKey("steps") ? json(hash.get("steps"), STEPS)
                            : List.of(), progress(r, id), chain, patches);
        });
    }

    private static List<ProgressEntry> progress(Jedis r, String id) {
        List<ProgressEntry> out = new ArrayList<>();
        for (StreamEntry e : r.xrange(RedisKeys.progress(id), (StreamEntryID) null, (StreamEntryID) null,
                Integer.MAX_VALUE)) {
            Map<String, String> f = e.getFields();
            out.add(new ProgressEntry(e.getID().toString(), f.get("type"), f.get("stepId"),
                    Integer.parseInt(f.getOrDefault("attempt", "0")), f.get("message")));
        }
        return out;
    }

    private static <T> T json(String text, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON in Redis: " + e.getMessage(), e);
        }
    }

    private <T> T call(Function<Jedis, T> action) {
        long giveUp = System.nanoTime() + OUTAGE.toNanos();
        while (true) {
            try (Jedis redis = new Jedis(url)) {
                return action.apply(redis);
            } catch (JedisConnectionException e) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("Redis at " + url + " unreachable for " + OUTAGE.toSeconds()
                            + " s: " + e.getMessage(), e);
                }
                Pause.of(Duration.ofMillis(500));
            }
        }
    }
}
