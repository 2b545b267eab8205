package dev.ratchet.planner.session.reaper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.session.Liveness;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Transition;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.planner.session.flow.PlannerConfig;
import dev.ratchet.planner.session.flow.SessionEvents;
import dev.ratchet.planner.session.flow.SessionPlanner;
import dev.ratchet.planner.session.store.Outbox;
import dev.ratchet.planner.session.store.RetentionConfig;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.planner.session.store.UnknownSessionException;
import dev.ratchet.runtime.work.WorkLeases;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.runtime.StartupEvent;

/**
 * No session stays stuck. Every planner replica runs a reaper; one acts at a time ({@link ReaperLock}). Each pass
 * sends decisions left in the outbox by a planner that stopped before sending them, then looks at every session
 * whose deadline passed and applies the machine's decision ({@link SessionMachine#onDeadline}): nothing while
 * someone holds a lease on its work, a redelivery with the same event id when a hop went silent, planning taken
 * over when its planner stopped, a failure naming the silent hop after the last redelivery or past the session's
 * time limit. After Redis was away, it waits a lease's time to live before judging leases, so owners can renew
 * theirs first.
 */
@ApplicationScoped
public class Reaper {

    private static final Logger LOG = Logger.getLogger(Reaper.class);
    private static final int BATCH = 100;
    private static final Duration INDEX_TRIM_EVERY = Duration.ofHours(1);

    private final SessionStore store;
    private final SessionMachine machine;
    private final SessionEvents events;
    private final SessionPlanner planner;
    private final Outbox outbox;
    private final LivenessProbe liveness;
    private final ReaperLock lock;
    private final WorkLeases leases;
    private final RedisDataSource redis;
    private final PlannerConfig.Reaper config;
    private final Duration keepIndexFor;
    private ScheduledExecutorService timer;
    private volatile Instant quietUntil = Instant.EPOCH;
    private volatile Instant nextIndexTrim = Instant.EPOCH;

    Reaper(SessionStore store, SessionMachine machine, SessionEvents events, SessionPlanner planner, Outbox outbox,
            LivenessProbe liveness, ReaperLock lock, WorkLeases leases, RedisDataSource redis, PlannerConfig config,
            RetentionConfig retention, dev.ratchet.planner.session.flow.DeadlinesConfig deadlines) {
        this.store = store;
        this.machine = machine;
        this.events = events;
        this.planner = planner;
        this.outbox = outbox;
        this.liveness = liveness;
        this.lock = lock;
        this.leases = leases;
        this.redis = redis;
        this.config = config.reaper();
        this.keepIndexFor = retention.sessions().plus(deadlines.session());
    }

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratchet-reaper");
            t.setDaemon(true);
            return t;
        });
        long every = config.interval().toMillis();
        timer.scheduleWithFixedDelay(this::pass, every, every, TimeUnit.MILLISECONDS);
    }

    /** One pass; public so tests can drive it without waiting for the timer. */
    public void pass() {
        try {
            if (!lock.hold()) {
                return;
            }
            Instant now = Instant.now();
            sendOutbox(now.minus(config.outboxAfter()));
            if (now.isAfter(quietUntil)) {
                reapDue(now);
            }
            if (now.isAfter(nextIndexTrim)) {
                trimIndex(now);
                nextIndexTrim = now.plus(INDEX_TRIM_EVERY);
            }
        } catch (RuntimeException e) {
            quietUntil = Instant.now().plus(leases.ttl()).plusSeconds(1);
            LOG.warnf("reaper pass failed (%s); judging leases again from %s", e.toString(), quietUntil);
        }
    }

    private void sendOutbox(Instant storedBefore) {
        for (String id : outbox.waitingSince(storedBefore, BATCH)) {
            Map<Long, List<RatchetEvent>> unsent = outbox.unsent(id);
            if (unsent.isEmpty()) {
                redis.sortedSet(String.class).zrem(RedisKeys.OUTBOX, id);
                continue;
            }
            unsent.forEach((version, decided) -> {
                LOG.infof("sending %d event(s) of session %s (version %d) that its planner did not send",
                        decided.size(), id, version);
                events.publish(decided);
                outbox.sent(id, version);
            });
        }
    }

    private void reapDue(Instant now) {
        List<String> due = redis.sortedSet(String.class).zrangebyscore(RedisKeys.DEADLINES,
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                new ZRangeArgs().limit(0, BATCH));
        for (String id : due) {
            try {
                reap(id, now);
            } catch (UnknownSessionException e) {
                redis.sortedSet(String.class).zrem(RedisKeys.DEADLINES, id);
            }
        }
    }

    private void reap(String id, Instant now) {
        Liveness[] seen = new Liveness[1];
        Session[] read = new Session[1];
        Transition t = store.apply(id, current -> {
            read[0] = current;
            seen[0] = liveness.of(current);
            return machine.onDeadline(current, seen[0], now);
        });
        if (t.outcome() == Transition.Outcome.APPLIED) {
            LOG.infof("session %s: %s", id, t.progress().isEmpty() ? t.session().status()
                    : t.progress().get(t.progress().size() - 1).message());
            events.publish(t);
            if (t.session().status() == SessionStatus.PLANNING) {
                planner.planLater(t.session());
            }
            return;
        }
        // While work is held, look again right after the first held lease would run out unless renewed: renewals
        // never move a session's deadline later (lease-renew.lua), so an owner that died is noticed within the
        // grace even while other variants' owners keep renewing theirs.
        Optional<Instant> next = seen[0].leaseHeld()
                ? Optional.of(seen[0].heldUntil().orElse(now.plus(leases.ttl())).plus(leases.grace()))
                : machine.deadline(read[0]);
        if (next.isPresent()) {
            store.reschedule(id, read[0].version(), next.get().isAfter(now) ? next.get() : now.plusSeconds(1));
        } else {
            redis.sortedSet(String.class).zrem(RedisKeys.DEADLINES, id);
        }
    }

    private void trimIndex(Instant now) {
        long removed = redis.sortedSet(String.class).zremrangebyscore(RedisKeys.SESSIONS,
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) now.minus(keepIndexFor).toEpochMilli()));
        if (removed > 0) {
            LOG.infof("forgot %d sessions older than %s", removed, keepIndexFor);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            lock.release();
        } catch (RuntimeException e) {
            // it expires by itself
        }
    }
}
