package dev.ratchet.runtime.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** What each team may do: {@code ratchet.teams.<team>.*}. A team that is not configured may use no repository. */
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
    }

    default List<String> repoRoots(String team) {
        Team t = teams().get(team);
        return t == null ? List.of() : t.repoRoots().orElse(List.of());
    }
}
