package dev.ratchet.planner.session.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.limits.LimitRefusal;
import dev.ratchet.core.limits.TeamLimitDecisions;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Transition;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.core.store.SessionHash;
import dev.ratchet.core.usage.UsageCounters;
import dev.ratchet.planner.usage.UsageLedger;
import dev.ratchet.runtime.redis.ProgressLog;
import dev.ratchet.runtime.rest.ProblemException;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.transactions.OptimisticLockingTransactionResult;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;

/**
 * Sessions in Redis. Every change is one {@code WATCH}/{@code MULTI} transaction over the session hash: the new
 * fields, the accepted patch, the progress entries, the session's next deadline and the decided events (the
 * outbox) commit together or not at all, and a concurrent change makes the transaction retry on the fresh state.
 * That is what keeps a verified step from being lost or appended twice, and a decided event from being lost
 * between storing and publishing. The same transaction keeps the owning team's unfinished sessions
 * ({@link RedisKeys#teamSessions}) and adds what the decision used to the team's day ({@link UsageLedger}). A
 * finished session's keys expire after {@code ratchet.retention.sessions}.
 */
@ApplicationScoped
public class SessionStore {

    private static final int MAX_CONFLICT_RETRIES = 16;
    /** The owning team's field in the session hash, beside {@link SessionHash}'s. */
    public static final String TEAM = RedisKeys.SESSION_TEAM;

    private final RedisDataSource redis;
    private final SessionMachine machine;
    private final Outbox outbox;
    private final Duration retention;
    private final UsageLedger usage;

    SessionStore(RedisDataSource redis, SessionMachine machine, Outbox outbox, RetentionConfig retention,
            UsageLedger usage) {
        this.redis = redis;
        this.usage = usage;
        this.machine = machine;
        this.outbox = outbox;
        this.retention = retention.sessions();
    }

    /** {@link #create(Transition, String, int)} with no limit on the team's unfinished sessions. */
    public Transition create(Transition created, String team) {
        return create(created, team, Integer.MAX_VALUE);
    }

    /**
     * Stores a new session (the machine's {@code created} decision) owned by {@code team}, written like every other
     * decision; the hash field {@value #TEAM} is written with it and never changed. Refused when the team already has
     * {@code maxUnfinished} unfinished sessions: the count ({@link RedisKeys#teamSessions}) is read under
     * {@code WATCH}, so two replicas creating at once cannot both take the last place.
     *
     * @throws ProblemException 429 naming the limit when the team has no place left
     */
    public Transition create(Transition created, String team, int maxUnfinished) {
        Session session = created.session().withVersion(1);
        String unfinished = RedisKeys.teamSessions(team);
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            LimitRefusal[] refused = new LimitRefusal[1];
            OptimisticLockingTransactionResult<Long> result = redis.withTransaction(
                    ds -> ds.set(String.class).scard(unfinished), (running, tx) -> {
                        refused[0] = TeamLimitDecisions.concurrentSessions(team, running, maxUnfinished)
                                .orElse(null);
                        if (refused[0] != null) {
                            tx.discard();
                            return;
                        }
                        tx.sortedSet(String.class).zadd(RedisKeys.SESSIONS, session.createdAt().toEpochMilli(),
                                session.id());
                        write(tx, session, created, team);
                        tx.hash(String.class).hset(RedisKeys.session(session.id()), TEAM, team);
                        tx.set(String.class).sadd(unfinished, session.id());
                        usage.add(tx, team, UsageCounters.created(), session.createdAt());
                    }, unfinished);
            if (refused[0] != null) {
                throw ProblemException.tooManyRequests(refused[0].detail(), refused[0].retryAfterSeconds());
            }
            if (!result.discarded()) {
                return created.storedAs(session);
            }
        }
        throw new IllegalStateException("team " + team + "'s sessions kept changing under " + MAX_CONFLICT_RETRIES
                + " attempts to create one");
    }

    /** A stored session with the team that owns it (null for none), read in one round trip. */
    public record Owned(Session session, String team) {
    }

    public Optional<Session> find(String id) {
        return findOwned(id).map(Owned::session);
    }

    /** The session and its team from one {@code HGETALL}: the API checks ownership on every call. */
    public Optional<Owned> findOwned(String id) {
        Map<String, String> fields = redis.hash(String.class).hgetall(RedisKeys.session(id));
        return fields.isEmpty() ? Optional.empty()
                : Optional.of(new Owned(SessionHash.session(fields), fields.get(TEAM)));
    }

    /**
     * Most recent first, {@code limit} of them after the session {@code after} (null: from the newest); empty when
     * {@code after} is no longer listed (it expired). Ranks are read at the call, so sessions created since the
     * previous page do not shift this one.
     */
    public Optional<List<String>> idsAfter(String after, int limit) {
        long start = 0;
        if (after != null) {
            OptionalLong rank = redis.sortedSet(String.class).zrevrank(RedisKeys.SESSIONS, after);
            if (rank.isEmpty()) {
                return Optional.empty();
            }
            start = rank.getAsLong() + 1;
        }
        return Optional.of(redis.sortedSet(String.class).zrange(RedisKeys.SESSIONS, start, start + limit - 1L,
                new ZRangeArgs().rev()));
    }

    public List<PlanStep> plan(String id) {
        String json = redis.value(String.class).get(RedisKeys.plan(id));
        return json == null ? List.of() : List.of(Json.read(json, PlanStep[].class));
    }

    /** The accepted patches in chain order: one per verified step. */
    public List<AcceptedPatch> accepted(String id) {
        return redis.list(String.class).lrange(RedisKeys.patches(id), 0, -1).stream()
                .map(json -> Json.read(json, AcceptedPatch.class)).toList();
    }

    public long patchCount(String id) {
        return redis.list(String.class).llen(RedisKeys.patches(id));
    }

    /**
     * Applies a decision to the stored session atomically.
     *
     * @return the decision, its session carrying the version it was stored with
     * @throws UnknownSessionException when there is no such session
     */
    public Transition apply(String id, Function<Session, Transition> decision) {
        String key = RedisKeys.session(id);
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Transition[] decided = new Transition[1];
            OptimisticLockingTransactionResult<Owned> result = redis.withTransaction(ds -> {
                Map<String, String> fields = ds.hash(String.class).hgetall(key);
                if (fields.isEmpty()) {
                    throw new UnknownSessionException(id);
                }
                return new Owned(SessionHash.session(fields), fields.get(TEAM));
            }, (current, tx) -> {
                decided[0] = decision.apply(current.session());
                if (decided[0].outcome() == Transition.Outcome.APPLIED) {
                    Session stored = decided[0].session().withVersion(current.session().version() + 1);
                    decided[0] = decided[0].storedAs(stored);
                    write(tx, stored, decided[0], current.team());
                    usage.add(tx, current.team(), UsageCounters.applied(current.session(), decided[0]),
                            Instant.now());
                } else {
                    tx.discard();
                }
            }, key);
            if (decided[0].outcome() != Transition.Outcome.APPLIED || !result.discarded()) {
                return decided[0];
            }
        }
        throw new IllegalStateException("session " + id + " kept changing under " + MAX_CONFLICT_RETRIES
                + " attempts to update it");
    }

    /**
     * Moves the session's deadline to {@code at}, unless it changed since {@code version} was read (its own
     * transaction then set the deadline that counts).
     */
    public void reschedule(String id, long version, Instant at) {
        String key = RedisKeys.session(id);
        redis.withTransaction(ds -> ds.hash(String.class).hget(key, "version"), (stored, tx) -> {
            if (stored == null || Long.parseLong(stored) != version) {
                tx.discard();
            } else {
                tx.sortedSet(String.class).zadd(RedisKeys.DEADLINES, at.toEpochMilli(), id);
            }
        }, key);
    }

    private void write(TransactionalRedisDataSource tx, Session stored, Transition t, String team) {
        String id = stored.id();
        tx.hash(String.class).hset(RedisKeys.session(id), SessionHash.fields(stored));
        t.plan().ifPresent(plan -> tx.value(String.class).set(RedisKeys.plan(id), Json.write(plan)));
        t.accepted().ifPresent(p -> tx.list(String.class).rpush(RedisKeys.patches(id), Json.write(p)));
        // A redo drops the redone steps' patches (after pushing the one just accepted, which is among them).
        t.patchesKept().ifPresent(kept -> {
            if (kept == 0) {
                tx.key().del(RedisKeys.patches(id)); // LTRIM 0 -1 would keep the whole list
            } else {
                tx.list(String.class).ltrim(RedisKeys.patches(id), 0, kept - 1L);
            }
        });
        if (stored.status() == SessionStatus.CANCELLED) {
            // Taking the leases away makes every renewal fail: the executors and verifiers at work stop.
            tx.key().del(RedisKeys.work(id));
        }
        t.progress().forEach(p -> ProgressLog.append(tx, id, p));
        outbox.add(tx, stored, t.events());
        Optional<Instant> deadline = machine.deadline(stored);
        if (deadline.isPresent()) {
            tx.sortedSet(String.class).zadd(RedisKeys.DEADLINES, deadline.get().toEpochMilli(), id);
        } else {
            tx.sortedSet(String.class).zrem(RedisKeys.DEADLINES, id);
            if (team != null) {
                tx.set(String.class).srem(RedisKeys.teamSessions(team), id);
            }
            RedisKeys.sessionKeys(id).forEach(k -> tx.key().expire(k, retention));
        }
    }
}
