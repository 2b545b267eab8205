package dev.ratchet.runtime.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.timing.PhaseClock;
import dev.ratchet.runtime.redis.Outcomes;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.work.Claim;
import dev.ratchet.runtime.work.Lease;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.Ownership;
import dev.ratchet.runtime.work.WorkLeases;
import io.opentelemetry.context.Context;

/**
 * The skeleton of a consumer whose work can take long (an executor's model call, a verifier's checks). For each
 * record: decode it (poison goes to the dead-letter topic); if this question was answered before, send the stored
 * answer again, unchanged; else take the work's lease in Redis, hand the work to the {@link OwnedWork} pool (unless
 * this instance works on it already) and acknowledge the record. The work's answer is stored once, then sent; only a
 * lease holder answers.
 * <p>
 * So a consumer never waits on long work, a killed instance's work is taken over when its lease runs out (the
 * reaper sends the request again), two instances never both answer, and one event id never carries two contents.
 * <p>
 * The record is handled in its event's trace ({@link EventSpans#consume}); the work continues it on the pool's thread
 * in a span named after the role, so the answer it sends carries the same trace.
 *
 * @param <I> the event this consumer answers
 */
public final class LeasedConsumer<I extends RatchetEvent> {

    private static final Logger LOG = Logger.getLogger(LeasedConsumer.class);

    /** What a service does with one input; the rest is this skeleton. */
    public interface Steps<I> {

        /** How long answering {@code input} can take at most by its own timeouts. */
        Duration bound(I input);

        /**
         * Called when this instance takes {@code input} on.
         *
         * @param producedAt the record's Kafka timestamp (the start of its hop)
         */
        void started(I input, long producedAt);

        /**
         * Does the work. Runs on the owned-work pool; checks {@link Ownership#lost()} where stopping early pays.
         *
         * @param started when this instance began on it (after waiting for a thread of the pool)
         */
        RatchetEvent answer(I input, Instant started, Ownership ownership);

        /** Sends an answer and waits for the broker's acknowledgement. */
        void send(RatchetEvent answer);

        /** Called once, when this instance's answer is the one stored and sent. */
        void answered(I input, RatchetEvent answer);
    }

    /** Where one piece of work's time went, at DEBUG: {@code QUARKUS_LOG_CATEGORY__RATCHET_PHASES__LEVEL=DEBUG}. */
    public static final String PHASES = "ratchet.phases";

    private static final Logger PHASE_LOG = Logger.getLogger(PHASES);

    private final Class<I> type;
    private final String role;
    private final Steps<I> steps;
    private final Redelivery redelivery;
    private final WorkLeases leases;
    private final Outcomes outcomes;
    private final OwnedWork work;
    private final EventSpans spans;

    public LeasedConsumer(Class<I> type, String role, Steps<I> steps, Redelivery redelivery, WorkLeases leases,
            Outcomes outcomes, OwnedWork work, EventSpans spans) {
        this.type = type;
        this.role = role;
        this.steps = steps;
        this.redelivery = redelivery;
        this.leases = leases;
        this.outcomes = outcomes;
        this.work = work;
        this.spans = spans;
    }

    /** Handles one record; call it from the {@code @Incoming} method. */
    public void accept(ConsumerRecord<String, String> record) {
        I input = Inbound.decode(record, type);
        String field = Lease.field(role, input.eventId());
        spans.consume(record, input, () -> redelivery.handle(input.eventType().ceType() + " " + input.eventId(),
                () -> claim(input, field, record.timestamp())));
    }

    private void claim(I input, String field, long producedAt) {
        long claimStart = System.nanoTime();
        Optional<RatchetEvent> decided = outcomes.find(input.sessionId(), field);
        if (decided.isPresent()) {
            LOG.debugf("%s %s was answered before; sending the stored answer again", role, input.eventId());
            steps.send(decided.get());
            return;
        }
        Claim claim = leases.acquire(input.sessionId(), field);
        switch (claim.outcome()) {
            case NO_SESSION -> LOG.infof("%s %s is for session %s, which does not exist (any more); skipped", role,
                    input.eventId(), input.sessionId());
            case HELD_BY_ANOTHER -> LOG.infof("%s %s is being worked on by %s; left to it", role, input.eventId(),
                    claim.holder());
            case TAKEN -> {
                Context handling = Context.current();
                long submitted = System.nanoTime();
                long claimNanos = submitted - claimStart;
                work.submit(claim.lease().orElseThrow(), steps.bound(input), ownership -> spans.work(handling,
                        role + " " + input.eventType().ceType(), input,
                        () -> timed(input, claimNanos, submitted, () -> run(input, field, producedAt, ownership))));
            }
        }
    }

    /**
     * Runs the work under a {@link PhaseClock} and, at DEBUG in category {@value #PHASES}, logs where its time went:
     * the claim (answers looked up, lease taken, on the consumer's thread), the hand-off to the pool, then every
     * phase the work marked and the processes it started (docs/BENCHMARKS.md, Where a single session's
     * orchestration goes).
     */
    private void timed(I input, long claimNanos, long submitted, Runnable work) {
        if (!PHASE_LOG.isDebugEnabled()) {
            work.run();
            return;
        }
        long handOff = System.nanoTime() - submitted;
        try (PhaseClock clock = PhaseClock.start()) {
            work.run();
            PHASE_LOG.debugf("%s %s step %s attempt %d variant %d: claim=%d hand-off=%d %s", role,
                    input.eventType().ceType(), input.stepId(), input.attempt(), input.variant(),
                    claimNanos / 1_000_000, handOff / 1_000_000, clock.summary());
        }
    }

    private void run(I input, String field, long producedAt, Ownership ownership) {
        // The same question's work may have ended here between this delivery's look at the answers and its
        // lease: then it has an answer, which is sent again rather than worked out twice.
        boolean[] decided = {false};
        redelivery.handle("answers to " + input.eventId(), () -> outcomes.find(input.sessionId(), field)
                .ifPresent(stored -> {
                    steps.send(stored);
                    decided[0] = true;
                }));
        if (decided[0]) {
            return;
        }
        PhaseClock.lap("answers-lookup");
        Instant start = Instant.now();
        redelivery.handle("start of " + input.eventId(), () -> steps.started(input, producedAt));
        PhaseClock.lap("started-progress");
        RatchetEvent answer = steps.answer(input, start, ownership);
        boolean[] ours = {false};
        redelivery.handle("answer to " + input.eventId(), () -> {
            if (ownership.lost() || !leases.renew(ownership.lease())) {
                LOG.warnf("%s %s: the lease was lost while working; the result is thrown away", role,
                        input.eventId());
                return;
            }
            RatchetEvent stored = outcomes.storeOnce(input.sessionId(), field, answer);
            PhaseClock.lap("outcome-store");
            steps.send(stored);
            PhaseClock.lap("produce");
            ours[0] = stored.equals(answer);
        });
        if (ours[0]) {
            // One line per answer, in the attempt's trace (the MDC's traceId), for following a step across services.
            LOG.infof("%s answered %s (step %s attempt %d variant %d) with %s in %d ms", role,
                    input.eventType().ceType(), input.stepId(), input.attempt(), input.variant(),
                    answer.eventType().ceType(), Duration.between(start, Instant.now()).toMillis());
            redelivery.handle("report of " + input.eventId(), () -> steps.answered(input, answer));
            PhaseClock.lap("answered-progress");
        }
    }
}
