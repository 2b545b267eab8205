package dev.ratchet.planner.cluster;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.AttemptStatus;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.work.Lease;
import dev.ratchet.runtime.work.WorkLeases;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The steps executors and verifiers work on now, by who holds them: for each unfinished session's running attempt,
 * each variant still without a verdict, the live executor and verifier leases (their fields are derived from the
 * step's event ids, as the reaper's {@code LivenessProbe} derives them).
 */
@ApplicationScoped
public class StepsInFlight {

    /**
     * Unfinished sessions looked at, at most: 10 teams at their default 10 concurrent sessions each, five times
     * over. One Redis read of the session and one of its leases each.
     */
    static final int MAX_SESSIONS = 500;

    private final RedisDataSource redis;
    private final SessionStore store;
    private final WorkLeases leases;

    StepsInFlight(RedisDataSource redis, SessionStore store, WorkLeases leases) {
        this.redis = redis;
        this.store = store;
        this.leases = leases;
    }

    List<ClusterView.InFlight> now() {
        List<ClusterView.InFlight> held = new ArrayList<>();
        for (String id : redis.sortedSet(String.class).zrange(RedisKeys.DEADLINES, 0, MAX_SESSIONS - 1L)) {
            Session session = store.find(id).orElse(null);
            StepState step = session == null || session.status() != SessionStatus.RUNNING ? null
                    : session.current().orElse(null);
            Attempt attempt = step == null ? null : step.lastAttempt();
            if (attempt == null || attempt.status() != AttemptStatus.REQUESTED) {
                continue;
            }
            WorkLeases.Snapshot work = leases.read(id);
            for (int variant : attempt.missingVariants()) {
                held(work, "executor", EventType.STEP_REQUESTED, session, step, attempt, variant, held);
                held(work, "verifier", EventType.STEP_EXECUTED, session, step, attempt, variant, held);
            }
        }
        return held;
    }

    private static void held(WorkLeases.Snapshot work, String role, EventType type, Session session, StepState step,
            Attempt attempt, int variant, List<ClusterView.InFlight> into) {
        String field = Lease.field(role, EventIds.forStep(type, session.id(), step.id(), attempt.number(), variant));
        if (work.live(field)) {
            WorkLeases.State state = work.leases().get(field);
            into.add(new ClusterView.InFlight(role, state.owner(), session.id(), step.id(), attempt.number(),
                    variant, state.expiresAtMs() - work.nowMs()));
        }
    }
}
