package dev.ratchet.planner.session.reaper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.AttemptStatus;
import dev.ratchet.core.session.Liveness;
import dev.ratchet.core.session.Liveness.Reached;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepState;
import dev.ratchet.planner.session.flow.SessionPlanner;
import dev.ratchet.runtime.redis.Outcomes;
import dev.ratchet.runtime.work.Lease;
import dev.ratchet.runtime.work.WorkLeases;

/**
 * Reads, for a waiting session, how far its current work got and whether someone holds it now: the executor's and
 * verifier's leases and stored answers for the current attempt (their event ids are derived, so the fields are
 * known), or the planning lease. The machine decides from that; this class only looks.
 */
@ApplicationScoped
public class LivenessProbe {

    private final WorkLeases leases;
    private final Outcomes outcomes;

    LivenessProbe(WorkLeases leases, Outcomes outcomes) {
        this.leases = leases;
        this.outcomes = outcomes;
    }

    public Liveness of(Session session) {
        if (session.status() == SessionStatus.PLANNING) {
            WorkLeases.Snapshot work = leases.read(session.id());
            return new Liveness(work.live(SessionPlanner.LEASE),
                    work.claimed(SessionPlanner.LEASE) ? Reached.CLAIMED : Reached.NOTHING);
        }
        StepState step = session.current().orElse(null);
        Attempt attempt = step == null ? null : step.lastAttempt();
        if (session.status() != SessionStatus.RUNNING || attempt == null
                || attempt.status() != AttemptStatus.REQUESTED) {
            return Liveness.NOBODY;
        }
        WorkLeases.Snapshot work = leases.read(session.id());
        boolean live = false;
        Reached least = null;
        List<Integer> orphaned = new ArrayList<>();
        long heldUntil = Long.MAX_VALUE;
        // Every variant still without a verdict (variant 0 alone without best-of-N): the attempt is worked on while
        // any of them is, and the hop to name is where the variant that got least far stopped. A variant taken on
        // whose owner is gone is orphaned, even while other variants are worked on.
        for (int variant : attempt.missingVariants()) {
            String executor = Lease.field("executor", EventIds.forStep(EventType.STEP_REQUESTED, session.id(),
                    step.id(), attempt.number(), variant));
            String verifier = Lease.field("verifier", EventIds.forStep(EventType.STEP_EXECUTED, session.id(),
                    step.id(), attempt.number(), variant));
            Reached reached = outcomes.exists(session.id(), verifier) ? Reached.VERDICT
                    : work.claimed(verifier) ? Reached.VERIFYING
                    : outcomes.exists(session.id(), executor) ? Reached.EXECUTED
                    : work.claimed(executor) ? Reached.CLAIMED
                    : Reached.NOTHING;
            String hop = reached == Reached.VERIFYING ? verifier : reached == Reached.CLAIMED ? executor : null;
            if (hop != null && !work.live(hop)) {
                orphaned.add(variant);
            }
            for (String field : List.of(executor, verifier)) {
                if (work.live(field)) {
                    live = true;
                    heldUntil = Math.min(heldUntil, work.leases().get(field).expiresAtMs());
                }
            }
            least = least == null || reached.compareTo(least) < 0 ? reached : least;
        }
        return new Liveness(live, least == null ? Reached.NOTHING : least, orphaned, live
                ? Optional.of(Instant.ofEpochMilli(heldUntil)) : Optional.empty());
    }
}
