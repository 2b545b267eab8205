package dev.ratchet.core.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.ratchet.core.event.Check;

/**
 * Rules for a new session request. Every violation is reported at once, each naming its field, so a client fixes
 * its request in one round trip.
 */
public final class SessionRequestValidator {

    public static final int MAX_GOAL_CHARS = 8000;
    public static final int MAX_CHECK_TIMEOUT_SECONDS = 3600;

    private final Predicate<Path> isGitRepository;

    /** @param isGitRepository tells whether a directory is (the top of) a git work tree */
    public SessionRequestValidator(Predicate<Path> isGitRepository) {
        this.isGitRepository = isGitRepository;
    }

    public List<FieldViolation> validate(String repo, String goal, List<Check> checks) {
        List<FieldViolation> violations = new ArrayList<>();
        validateRepo(repo, violations);
        if (goal == null || goal.isBlank()) {
            violations.add(new FieldViolation("goal", "must not be blank: say what the session should achieve"));
        } else if (goal.length() > MAX_GOAL_CHARS) {
            violations.add(new FieldViolation("goal", "must be at most " + MAX_GOAL_CHARS + " characters"));
        }
        validateChecks(checks, violations);
        return List.copyOf(violations);
    }

    private void validateRepo(String repo, List<FieldViolation> violations) {
        if (repo == null || repo.isBlank()) {
            violations.add(new FieldViolation("repo", "must not be blank: a local path or file:// URL of a git "
                    + "repository"));
            return;
        }
        Optional<Path> path = RepoLocation.parse(repo);
        if (path.isEmpty()) {
            violations.add(new FieldViolation("repo", "'" + repo + "' is not a local path or file:// URL; only "
                    + "local git repositories are supported"));
        } else if (!Files.exists(path.get())) {
            violations.add(new FieldViolation("repo", "path " + path.get() + " does not exist"));
        } else if (!Files.isDirectory(path.get())) {
            violations.add(new FieldViolation("repo", "path " + path.get() + " is not a directory"));
        } else if (!isGitRepository.test(path.get())) {
            violations.add(new FieldViolation("repo", "directory " + path.get() + " is not a git repository "
                    + "(run git init and commit first)"));
        }
    }

    private static void validateChecks(List<Check> checks, List<FieldViolation> violations) {
        if (checks == null || checks.isEmpty()) {
            violations.add(new FieldViolation("checks", "must list at least one check: every step is verified by "
                    + "running them"));
            return;
        }
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            String field = "checks[" + i + "]";
            if (check == null) {
                violations.add(new FieldViolation(field, "must not be null"));
                continue;
            }
            if (check.name() == null || check.name().isBlank()) {
                violations.add(new FieldViolation(field + ".name", "must not be blank"));
            }
            if (check.command() == null || check.command().isBlank()) {
                violations.add(new FieldViolation(field + ".command", "must not be blank"));
            }
            if (check.timeoutSeconds() < 1 || check.timeoutSeconds() > MAX_CHECK_TIMEOUT_SECONDS) {
                violations.add(new FieldViolation(field + ".timeoutSeconds", "must be between 1 and "
                        + MAX_CHECK_TIMEOUT_SECONDS));
            }
        }
    }
}
