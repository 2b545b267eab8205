package dev.ratchet.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.Transition;

/** What one stored decision adds to its team's day, and a day read back from its counters. */
class UsageCountersTest {

    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    private final SessionMachine machine = new SessionMachine(3, 8000);

    @Test
    void aPlanAddsThePlannerTokensAndAVerifiedStepAddsTheExecutorsAndOneStep() {
        Session created = machine.created("1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b", "/repo", "goal", "abc123",
                List.of(new Check("unit", "true", 60)), StepPolicy.DEFAULTS, T0).session();
        Transition planned = machine.planned(created, List.of(new PlanStep("s1", "One", "Do one"),
                new PlanStep("s2", "Two", "Do two")), null, new Usage(1200, 300, 800, 375), T0.plusSeconds(5));

        assertThat(UsageCounters.created()).isEqualTo(Map.of("sessions", 1L));
        assertThat(UsageCounters.applied(created, planned))
                .isEqualTo(Map.of("planner.tokensIn", 1200L, "planner.tokensOut", 300L));

        StepRequested s1 = (StepRequested) planned.events().get(0);
        Transition verified = machine.onVerdict(planned.session(), verified(s1, new Usage(200, 100, 40, 2500)),
                T0.plusSeconds(9));
        assertThat(UsageCounters.applied(planned.session(), verified))
                .isEqualTo(Map.of("executor.tokensIn", 200L, "executor.tokensOut", 100L, "verifiedSteps", 1L));

        // the same verdict again stores nothing, and neither would it count: nothing changed
        Transition again = machine.onVerdict(verified.session(), verified(s1, new Usage(200, 100, 40, 2500)),
                T0.plusSeconds(10));
        assertThat(again.outcome()).isNotEqualTo(Transition.Outcome.APPLIED);
        assertThat(UsageCounters.applied(verified.session(), again)).isEmpty();
    }

    @Test
    void aDayReadsBackPerRoleWithZerosForWhatWasNeverCounted() {
        Map<String, String> fields = new HashMap<>(Map.of("planner.tokensIn", "1200", "planner.tokensOut", "300",
                "executor.tokensIn", "400", "sessions", "2", "verifiedSteps", "x"));
        DayUsage day = DayUsage.of(LocalDate.parse("2026-11-30"), fields);

        assertThat(day.roles()).containsEntry("planner", new RoleTokens(1200, 300))
                .containsEntry("executor", new RoleTokens(400, 0));
        assertThat(day.sessions()).isEqualTo(2);
        assertThat(day.verifiedSteps()).isZero();
        assertThat(day.tokens()).isEqualTo(1900);
        assertThat(UsageCounters.tokens(fields)).isEqualTo(1900);
        assertThat(DayUsage.of(LocalDate.parse("2026-11-29"), Map.of()).tokens()).isZero();
    }

    private static StepVerified verified(StepRequested request, Usage usage) {
        Instant at = request.occurredAt();
        Execution execution = new Execution("executor-1", "fast-coder", at, at, at.plusSeconds(1), usage);
        StepExecuted executed = StepExecuted.of(request, at.plusSeconds(1), new StepExecuted.Payload(
                request.payload().work(), BlobRef.of(request.sessionId(), "patch"),
                new PatchStats(List.of("a.py"), 1, 0), execution, null));
        return StepVerified.of(executed, at.plusSeconds(2), new StepVerified.Payload(executed.payload().patch(),
                executed.payload().stats(), List.of(), execution, new Verification("verifier-1", at, at)));
    }
}
