package dev.ratchet.planner.session.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.Transition;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.redis.ProgressLog;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.transactions.OptimisticLockingTransactionResult;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;

/**
 * Sessions in Redis. Every change is one {@code WATCH}/{@code MULTI} transaction over the session hash: the new
 * fields, the accepted patch and the progress entries commit together or not at all, and a concurrent change makes
 * the transaction retry on the fresh state. That is what keeps a verified step from being lost or appended twice.
 */
@ApplicationScoped
public class SessionStore {

    private static final int MAX_CONFLICT_RETRIES = 16;

    private final RedisDataSource redis;

    SessionStore(RedisDataSource redis) {
        this.redis = redis;
    }

    public void create(Session session, Progress created) {
        redis.withTransaction(tx -> {
            tx.hash(String.class).hset(RedisKeys.session(session.id()), SessionHash.fields(session));
            tx.sortedSet(String.class).zadd(RedisKeys.SESSIONS, session.createdAt().toEpochMilli(), session.id());
            tx.set(String.class).sadd(RedisKeys.PLANNING, session.id());
            ProgressLog.append(tx, session.id(), created);
        });
    }

    public Optional<Session> find(String id) {
        Map<String, String> fields = redis.hash(String.class).hgetall(RedisKeys.session(id));
        return fields.isEmpty() ? Optional.empty() : Optional.of(SessionHash.session(fields));
    }

    /** Sessions still waiting for their plan. */
    public java.util.Set<String> planningIds() {
        return redis.set(String.class).smembers(RedisKeys.PLANNING);
    }

    /** Most recent first. */
    public List<String> recentIds(int limit) {
        return redis.sortedSet(String.class).zrange(RedisKeys.SESSIONS, 0, limit - 1L, new ZRangeArgs().rev());
    }

    public List<PlanStep> plan(String id) {
        String json = redis.value(String.class).get(RedisKeys.plan(id));
        return json == null ? List.of() : List.of(Json.read(json, PlanStep[].class));
    }

    public long patchCount(String id) {
        return redis.list(String.class).llen(RedisKeys.patches(id));
    }

    /**
     * Applies a decision to the stored session atomically.
     *
     * @param plan stored with the change when not null (the planner model's plan, kept as given)
     * @throws UnknownSessionException when there is no such session
     */
    public Transition apply(String id, List<PlanStep> plan, Function<Session, Transition> decision) {
        String key = RedisKeys.session(id);
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Transition[] decided = new Transition[1];
            OptimisticLockingTransactionResult<Session> result = redis.withTransaction(ds -> {
                Map<String, String> fields = ds.hash(String.class).hgetall(key);
                if (fields.isEmpty()) {
                    throw new UnknownSessionException(id);
                }
                return SessionHash.session(fields);
            }, (current, tx) -> {
                decided[0] = decision.apply(current);
                if (decided[0].outcome() == Transition.Outcome.APPLIED) {
                    write(tx, current.version(), decided[0], plan);
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

    private static void write(TransactionalRedisDataSource tx, long version, Transition t, List<PlanStep> plan) {
        Session next = t.session();
        Session stored = new Session(next.id(), next.repo(), next.goal(), next.baseCommit(), next.checks(),
                next.status(), next.steps(), next.currentStep(), next.createdAt(), next.updatedAt(),
                next.finishedAt(), next.failureReason(), version + 1);
        tx.hash(String.class).hset(RedisKeys.session(next.id()), SessionHash.fields(stored));
        if (next.status() != dev.ratchet.core.session.SessionStatus.PLANNING) {
            tx.set(String.class).srem(RedisKeys.PLANNING, next.id());
        }
        if (plan != null) {
            tx.value(String.class).set(RedisKeys.plan(next.id()), Json.write(plan));
        }
        t.accepted().ifPresent(p -> tx.list(String.class).rpush(RedisKeys.patches(next.id()), Json.write(p)));
        t.progress().forEach(p -> ProgressLog.append(tx, next.id(), p));
    }
}
