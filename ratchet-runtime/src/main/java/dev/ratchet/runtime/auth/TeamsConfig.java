package dev.ratchet.runtime.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * What each team may do: {@code ratchet.teams.<team>.*}. A team that is not configured may use no repository; a
 * limit a team does not set is the default under {@code ratchet.limits.*} (the planner's {@code LimitsConfig}).
 */
@ConfigMapping(prefix = "ratchet.teams")
public interface TeamsConfig {

    @WithParentName
    Map<String, Team> teams();

    interface Team {

        /**
         * The directories under which the team's repositories must lie (real paths, links followed), comma
         * separated: {@code ratchet.teams.payments.repo-roots=/srv/checkouts/payments}.
         */
        Optional<List<String>> repoRoots();

        /** How many of the team's sessions may be unfinished at once; a new one over it is a 429. */
        Optional<Integer> maxConcurrentSessions();

        /** Model tokens (every role, in and out) the team may use per UTC day before new sessions get a 429. */
        Optional<Long> maxTokensPerDay();

        /** API requests the team may send per {@link #requestWindow()}; the one over it is a 429. */
        Optional<Integer> maxRequests();

        /** The fixed window {@link #maxRequests()} counts in. */
        Optional<Duration> requestWindow();
    }

    /** The team's settings; every one empty for a team that is not configured. */
    default Optional<Team> team(String team) {
        return Optional.ofNullable(teams().get(team));
    }

    default List<String> repoRoots(String team) {
        Team t = teams().get(team);
        return t == null ? List.of() : t.repoRoots().orElse(List.of());
    }
}
