package dev.ratchet.planner.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ratchet.core.auth.Caller;
import dev.ratchet.core.auth.Teams;
import dev.ratchet.core.usage.DayUsage;
import dev.ratchet.core.usage.UsageRange;
import dev.ratchet.planner.limits.LimitsConfig;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.ProblemException;

/**
 * A team's usage per UTC day: model tokens in and out per role, sessions started, steps verified. The caller's team;
 * an admin may name another with {@code team}.
 */
@Path("/api/v1/usage")
@Tag(name = "Usage", description = "A team's model tokens, sessions and verified steps per day")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    /** The answer: the team, the days asked for (oldest first, every day present) and their sum. */
    public record UsageReport(String team, LocalDate from, LocalDate to, List<DayUsage> days, Totals totals) {
    }

    /** The range's sums: tokens of every role, sessions, verified steps. */
    public record Totals(long tokens, long sessions, long verifiedSteps) {

        static Totals of(List<DayUsage> days) {
            return new Totals(days.stream().mapToLong(DayUsage::tokens).sum(),
                    days.stream().mapToLong(DayUsage::sessions).sum(),
                    days.stream().mapToLong(DayUsage::verifiedSteps).sum());
        }
    }

    private final UsageLedger ledger;
    private final CurrentCaller caller;
    private final int maxDays;

    UsageResource(UsageLedger ledger, CurrentCaller caller, LimitsConfig limits) {
        this.ledger = ledger;
        this.caller = caller;
        this.maxDays = limits.usageMaxDays();
    }

    @GET
    @Operation(summary = "Read a team's usage", description = "Per UTC day from `from` to `to` (YYYY-MM-DD, both"
            + " included; default the last 7 days up to today, at most ratchet.limits.usage-max-days, 92): tokens in"
            + " and out per model role (planner, executor), sessions started and steps verified, with the range's"
            + " totals. The caller's team; admins may pass `team`. 400 names a bad date, a reversed or too long"
            + " range, or a bad team name; 403 when a member key names another team.")
    public UsageReport usage(
            @Parameter(description = "First day (UTC), YYYY-MM-DD", example = "2026-11-01") @QueryParam("from")
            String from,
            @Parameter(description = "Last day (UTC), YYYY-MM-DD", example = "2026-11-30") @QueryParam("to")
            String to,
            @Parameter(description = "Another team (admins only); default the caller's", example = "payments")
            @QueryParam("team") String team) {
        Caller c = caller.get();
        String whose = team == null || team.isEmpty() ? c.team() : team;
        Teams.violation(whose).ifPresent(v -> {
            throw ProblemException.invalidParameter("team", v);
        });
        if (!whose.equals(c.team())) {
            caller.requireAdmin("reading team " + whose + "'s usage");
        }
        UsageRange.Parsed parsed = UsageRange.parse(from, to, UsageLedger.day(Instant.now()), maxDays);
        if (parsed instanceof UsageRange.Invalid invalid) {
            throw ProblemException.invalid("Invalid request parameter", invalid.violations());
        }
        UsageRange range = ((UsageRange.Valid) parsed).range();
        List<DayUsage> days = ledger.days(whose, range);
        return new UsageReport(whose, range.from(), range.to(), days, Totals.of(days));
    }
}
