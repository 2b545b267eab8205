package dev.ratchet.runtime.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;

/**
 * Long work that this instance owns through a lease in Redis, run on a bounded pool of its own, apart from the
 * Kafka consumers: a consumer takes the lease, hands the work here and acknowledges its record at once, so a check
 * or a model call may take an hour without stalling any consumer or tripping the connector's acknowledgement limit.
 * <p>
 * Every owned lease (work running or waiting for a thread) is renewed every third of its time to live. A renewal
 * that finds the lease taken over marks the work lost and interrupts it; work that throws gives its lease up, and
 * so does everything in hand when the instance stops, so the reaper hands it to another instance within seconds.
 * A killed instance renews nothing: its leases run out and the reaper does the same.
 */
public final class OwnedWork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OwnedWork.class);
    /** How long closing waits for a renewal in flight; a lease renewal is one Lua call, milliseconds when healthy. */
    private static final Duration HEARTBEAT_STOP = Duration.ofSeconds(5);

    /** One piece of owned work, for the health check. */
    public record InFlight(Lease lease, Instant queuedAt, Instant startedAt, Duration bound) {

        /** Running longer than its own bound allows (plus a minute): a stuck thread, not long work. */
        public boolean stuckAt(Instant now) {
            return startedAt != null && now.isAfter(startedAt.plus(bound).plus(Duration.ofMinutes(1)));
        }
    }

    private final String name;
    private final int threads;
    private final WorkLeases leases;
    private final ExecutorService pool;
    private final ScheduledExecutorService heartbeat;
    private final Map<Lease, Job> owned = new ConcurrentHashMap<>();
    /** Signalled whenever a piece of work leaves {@link #owned}, for {@link #awaitFree}. */
    private final Object released = new Object();
    private volatile boolean stopping;

    public OwnedWork(String name, int threads, WorkLeases leases) {
        this.name = name;
        this.threads = threads;
        this.leases = leases;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r, name + "-" + n.incrementAndGet()));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-leases"));
        long every = Math.max(100, leases.ttl().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code work} on this pool under {@code lease}, which is renewed until the work returns, in the caller's
     * trace context (so the planning a REST request started links its step requests to that request).
     *
     * @param bound how long the work can take at most by its own timeouts (for the health check only)
     */
    public void submit(Lease lease, Duration bound, Consumer<Ownership> work) {
        Job job = new Job(lease, bound);
        // A lease is re-entrant for its owner (a restarted instance keeps its id and takes its own work back at
        // once), so the same work can come twice while this instance is on it: the reaper's re-send after the
        // lease looked lost, and the record redelivered after a rebalance. One run answers both.
        if (owned.putIfAbsent(lease, job) != null) {
            LOG.infof("%s: already working on %s %s; the repeated request is left to that run", name,
                    lease.sessionId(), lease.field());
            return;
        }
        if (stopping) {
            release(job);
            return;
        }
        job.future = pool.submit(Context.current().wrap(() -> job.run(work)));
    }

    /** Work this instance holds now, running or waiting. */
    public List<InFlight> inFlight() {
        return owned.values().stream().map(j -> new InFlight(j.lease, j.queuedAt, j.startedAt, j.bound)).toList();
    }

    public String name() {
        return name;
    }

    /** Threads not taken by work held now (running or waiting for a thread); 0 when the pool is full. */
    public int free() {
        return Math.max(0, threads - owned.size());
    }

    /**
     * Waits until a thread is free, for at most {@code atMost}: for an input that takes a request only when it can
     * start it at once ({@code ShareGroupInput}).
     *
     * @return whether a thread is free now
     */
    public boolean awaitFree(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (released) {
            for (long left = atMost.toNanos(); free() == 0 && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(released, left);
            }
        }
        return free() > 0;
    }

    private void signalReleased() {
        synchronized (released) {
            released.notifyAll();
        }
    }

    /** Stops taking work, interrupts what runs and gives every lease up, so other instances take over at once. */
    @Override
    public void close() {
        stopping = true;
        // A renewal already on its way to Redis would otherwise land after the give-up below and keep the lease for
        // another time to live (seen in OwnedWorkTest). Interrupting it is not enough: the command is sent, and Redis
        // runs it whenever it arrives, possibly after the give-up on another connection. So the heartbeat is stopped
        // without an interrupt and a renewal in progress is waited for, its answer received, bounded by
        // HEARTBEAT_STOP.
        heartbeat.shutdown();
        awaitHeartbeat();
        // Taken before the interrupt: interrupted work removes itself from owned as it ends, and its lease must be
        // given up all the same.
        List<Job> jobs = List.copyOf(owned.values());
        owned.clear();
        signalReleased();
        pool.shutdownNow();
        jobs.forEach(this::release);
    }

    private void awaitHeartbeat() {
        try {
            if (!heartbeat.awaitTermination(HEARTBEAT_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%s: a lease renewal still runs after %s; leases are given up regardless", name,
                        HEARTBEAT_STOP);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void renewAll() {
        for (Job job : owned.values()) {
            try {
                if (!leases.renew(job.lease)) {
                    LOG.warnf("%s: lost the lease on %s %s; its work is stopped and its result will not be sent",
                            name, job.lease.sessionId(), job.lease.field());
                    job.lose();
                }
            } catch (RuntimeException e) {
                // Redis is away: the lease may run out meanwhile; the next renewal tells whether it was taken over.
                LOG.debugf("%s: could not renew %s: %s", name, job.lease.field(), e.toString());
            }
        }
    }

    private void release(Job job) {
        try {
            leases.abandon(job.lease);
        } catch (RuntimeException e) {
            LOG.debugf("%s: could not give up %s (it runs out by itself): %s", name, job.lease.field(), e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private final class Job implements Ownership {
        private final Lease lease;
        private final Duration bound;
        private final Instant queuedAt = Instant.now();
        private volatile Instant startedAt;
        private volatile Thread thread;
        private volatile boolean lost;
        private volatile Future<?> future;

        Job(Lease lease, Duration bound) {
            this.lease = lease;
            this.bound = bound;
        }

        void run(Consumer<Ownership> work) {
            if (lost) {
                return;
            }
            thread = Thread.currentThread();
            startedAt = Instant.now();
            boolean answered = false;
            try {
                work.accept(this);
                answered = true;
            } catch (RuntimeException e) {
                if (!lost && !stopping) {
                    LOG.errorf(e, "%s: work on %s %s failed; giving its lease up for another instance", name,
                            lease.sessionId(), lease.field());
                }
            } finally {
                thread = null;
                owned.remove(lease, this);
                signalReleased();
                Thread.interrupted();
                if (!answered && !lost) {
                    release(this);
                }
            }
        }

        void lose() {
            lost = true;
            owned.remove(lease, this);
            signalReleased();
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            } else if (future != null) {
                future.cancel(false);
            }
        }

        @Override
        public Lease lease() {
            return lease;
        }

        @Override
        public boolean lost() {
            return lost || stopping;
        }
    }
}
