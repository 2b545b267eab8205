package dev.ratchet.skills.capture;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.skill.replay.SkillRef;
import dev.ratchet.core.skill.trust.ReplayOutcome;
import dev.ratchet.skills.registry.SkillRegistry;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.SkillStore;

/**
 * How a replay ended, learnt from the session's own terminal event: a session the planner planned from a skill
 * carries {@code plannedFrom: name@version} in its {@code SessionCompleted} (passed) or {@code SessionFailed}
 * (failed), with its tokens and wall time. Reading it here rather than having the planner call the registry keeps
 * the report as durable as the event (the broker holds it while the registry is down) and counted once per
 * session however often it is delivered ({@link SkillRegistry#recordReplay}).
 */
@ApplicationScoped
public class ReplayReports {

    private static final Logger LOG = Logger.getLogger(ReplayReports.class);

    private final SkillRegistry registry;
    private final SkillStore store;

    ReplayReports(SkillRegistry registry, SkillStore store) {
        this.registry = registry;
        this.store = store;
    }

    public void completed(SessionCompleted event) {
        SessionCompleted.Payload p = event.payload();
        record(event.sessionId(), p.plannedFrom(), true, p.usage(), p.durationMs(), null, event.occurredAt());
    }

    public void failed(SessionFailed event) {
        SessionFailed.Payload p = event.payload();
        record(event.sessionId(), p.plannedFrom(), false, p.usage(), p.durationMs() == null ? 0 : p.durationMs(),
                p.reason(), event.occurredAt());
    }

    private void record(String sessionId, String plannedFrom, boolean passed, Usage usage, long wallMs, String reason,
            Instant at) {
        if (plannedFrom == null) {
            return;
        }
        Optional<SkillRef> ref = SkillRef.parse(plannedFrom);
        if (ref.isEmpty()) {
            LOG.warnf("session %s names '%s' as the skill it was planned from, which is not name@version: not "
                    + "counted", sessionId, plannedFrom);
            return;
        }
        String name = ref.get().name();
        int version = ref.get().version();
        Optional<SkillRecord> skill = store.find(name).filter(r -> version <= r.latest());
        if (skill.isEmpty()) {
            LOG.warnf("session %s replayed %s, which the registry does not hold (deleted?): not counted", sessionId,
                    ref.get());
            return;
        }
        long tokens = usage == null ? 0 : Math.max(0, usage.tokensIn()) + Math.max(0, usage.tokensOut());
        registry.recordReplay(name, new ReplayOutcome(sessionId, version, passed, tokens, Math.max(0, wallMs),
                reason, at)).ifPresent(r -> LOG.infof("session %s: replay of %s %s; %s now %s", sessionId, ref.get(),
                        passed ? "passed" : "failed", name, r.status().json()));
    }
}
