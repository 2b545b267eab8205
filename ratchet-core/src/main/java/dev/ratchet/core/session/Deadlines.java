package dev.ratchet.core.session;

import java.time.Duration;

/**
 * How long each waiting state may last before the reaper acts.
 *
 * @param unclaimed how long a request (or a session waiting for its plan) may go without anyone taking it before it
 *        is sent again; work that someone holds a lease on is never due, however long it runs
 * @param maxRedeliveries how often one request is sent again before the step fails with the silent hop named
 * @param sessionMaxDuration a session still unfinished this long after creation fails
 * @param maxPlanningResumes how often planning is taken over after the planner doing it stopped, before the
 *        session fails (a repository that crashes every planner must not do so forever)
 */
public record Deadlines(Duration unclaimed, int maxRedeliveries, Duration sessionMaxDuration,
        int maxPlanningResumes) {

    public static final Deadlines DEFAULTS = new Deadlines(Duration.ofSeconds(30), 3, Duration.ofHours(24), 3);

    public Deadlines {
        if (unclaimed.isNegative() || unclaimed.isZero() || sessionMaxDuration.isNegative()
                || sessionMaxDuration.isZero()) {
            throw new IllegalArgumentException("deadlines must be positive");
        }
        if (maxRedeliveries < 0 || maxPlanningResumes < 0) {
            throw new IllegalArgumentException("redelivery and resume counts cannot be negative");
        }
    }
}
