package dev.ratchet.core.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which repositories a team may point sessions at: those whose real path (symbolic links followed) lies under the
 * real path of one of its roots ({@code ratchet.teams.<team>.repo-roots}). Comparing real paths is what stops
 * {@code /srv/team-a/../team-b} and a link from team A's root into team B's checkout. A team with no roots may use
 * no repository: access is granted, never assumed.
 */
public final class RepoRoots {

    private RepoRoots() {
    }

    /**
     * @param repo the session's repository, an existing directory
     * @param roots the team's roots as configured; roots that do not exist are skipped
     * @return why the team may not use {@code repo}; empty when it may
     */
    public static Optional<String> violation(String team, Path repo, List<String> roots) {
        Path real;
        try {
            real = repo.toRealPath();
        } catch (IOException e) {
            return Optional.of("cannot be resolved: " + e.getMessage());
        }
        List<Path> allowed = new ArrayList<>();
        for (String root : roots) {
            try {
                allowed.add(Path.of(root).toRealPath());
            } catch (IOException | RuntimeException e) {
                // A root that does not exist (yet) allows nothing; the others still count.
            }
        }
        if (allowed.stream().anyMatch(real::startsWith)) {
            return Optional.empty();
        }
        return Optional.of(roots.isEmpty() ? "team " + team + " has no repository roots (ratchet.teams." + team
                + ".repo-roots), so it may use no repository"
                : "resolves to " + real + ", which is under none of team " + team + "'s repository roots "
                        + String.join(", ", roots));
    }
}
