package dev.ratchet.planner.session.flow;

import java.time.Duration;

import dev.ratchet.core.session.Deadlines;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code ratchet.deadlines.*}: how long each waiting state may last (see core {@link Deadlines}). */
@ConfigMapping(prefix = "ratchet.deadlines")
public interface DeadlinesConfig {

    /** A request (or a plan) nobody took this long is sent again (planned again). */
    @WithDefault("30s")
    Duration unclaimed();

    /** Times one request is sent again before its step fails naming the silent hop. */
    @WithDefault("3")
    int maxRedeliveries();

    /** A session unfinished this long after creation fails. */
    @WithDefault("24h")
    Duration session();

    /** Times planning is taken over after the planner doing it stopped, before the session fails. */
    @WithDefault("3")
    int maxPlanningResumes();

    default Deadlines toDeadlines() {
        return new Deadlines(unclaimed(), maxRedeliveries(), session(), maxPlanningResumes());
    }
}
