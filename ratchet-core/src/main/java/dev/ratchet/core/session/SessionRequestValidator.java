package dev.ratchet.core.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.ratchet.core.checks.SessionChecks;
import dev.ratchet.core.event.Check;

/**
 * Rules for a new session request. Every violation is reported at once, each naming its field, so a client fixes
 * its request in one round trip. Every size is bounded: the request becomes a {@code SessionCreated} event and is
 * copied into every step request, so what is accepted here must fit a Kafka record many times over.
 */
public final class SessionRequestValidator {

    public static final int MAX_GOAL_CHARS = 8000;
    /** PATH_MAX on Linux. */
    public static final int MAX_REPO_CHARS = 4096;
    public static final int MAX_CHECK_NAME_CHARS = 64;
    /** A shell line, not a script: a longer command belongs in a file in the repository. */
    public static final int MAX_CHECK_COMMAND_CHARS = 4096;
    /** A check may run as long as a real test suite does: up to an hour. */
    public static final int MAX_CHECK_TIMEOUT_SECONDS = 3600;
    public static final int MAX_BROWSER_PATHS = 20;
    public static final int MAX_BROWSER_PATH_CHARS = 2048;
    /** Each check runs after every step, so 20 already means 20 suites per step. */
    public static final int DEFAULT_MAX_CHECKS = 20;

    private final Predicate<Path> isGitRepository;
    private final int maxChecks;

    /** @param isGitRepository tells whether a directory is (the top of) a git work tree */
    public SessionRequestValidator(Predicate<Path> isGitRepository) {
        this(isGitRepository, DEFAULT_MAX_CHECKS);
    }

    /** @param maxChecks the most checks a session may have */
    public SessionRequestValidator(Predicate<Path> isGitRepository, int maxChecks) {
        if (maxChecks < 1) {
            throw new IllegalArgumentException("maxChecks must be at least 1, not " + maxChecks);
        }
        this.isGitRepository = isGitRepository;
        this.maxChecks = maxChecks;
    }

    public List<FieldViolation> validate(String repo, String goal, List<Check> checks) {
        return validate(repo, goal, checks, null);
    }

    /** @param maxTurns null for the default */
    public List<FieldViolation> validate(String repo, String goal, List<Check> checks, Integer maxTurns) {
        return validate(repo, goal, new SessionChecks(checks == null || checks.isEmpty() ? SessionChecks.Source.NONE
                : SessionChecks.Source.REQUEST, checks == null ? List.of() : checks), maxTurns);
    }

    /**
     * @param checks the session's checks and where they come from (the request, or the repository's VERIFY.md or
     *        AGENTS.md); errors about checks from the repository name the file
     * @param maxTurns null for the default
     */
    public List<FieldViolation> validate(String repo, String goal, SessionChecks checks, Integer maxTurns) {
        List<FieldViolation> violations = new ArrayList<>();
        if (maxTurns != null && (maxTurns < 1 || maxTurns > StepPolicy.MAX_TURNS_LIMIT)) {
            violations.add(new FieldViolation("maxTurns", "must be between 1 and " + StepPolicy.MAX_TURNS_LIMIT));
        }
        validateRepo(repo, violations);
        if (goal == null || goal.isBlank()) {
            violations.add(new FieldViolation("goal", "must not be blank: say what the session should achieve"));
        } else if (goal.length() > MAX_GOAL_CHARS) {
            violations.add(new FieldViolation("goal", tooLong(MAX_GOAL_CHARS, goal)));
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
        if (repo.length() > MAX_REPO_CHARS) {
            violations.add(new FieldViolation("repo", tooLong(MAX_REPO_CHARS, repo)));
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

    private void validateChecks(SessionChecks declared, List<FieldViolation> violations) {
        List<Check> checks = declared.checks();
        if (checks.isEmpty()) {
            violations.add(new FieldViolation("checks", "must list at least one check: every step is verified by "
                    + "running them, and the repository declares none either (no ```ratchet-checks block in its "
                    + "VERIFY.md, no test command in its AGENTS.md at HEAD); give checks here, or add a "
                    + "```ratchet-checks block to VERIFY.md (a JSON array of {name, command, timeoutSeconds, stage, "
                    + "when, browser})"));
            return;
        }
        if (checks.size() > maxChecks) {
            violations.add(new FieldViolation(declared.source().field(), "must list at most " + maxChecks
                    + " checks, not " + checks.size()));
            return;
        }
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            String field = declared.source().field(i);
            if (check == null) {
                violations.add(new FieldViolation(field, "must not be null"));
                continue;
            }
            text(check.name(), MAX_CHECK_NAME_CHARS).ifPresent(m -> violations.add(new FieldViolation(
                    field + ".name", m)));
            text(check.command(), MAX_CHECK_COMMAND_CHARS).ifPresent(m -> violations.add(new FieldViolation(
                    field + ".command", m)));
            if (check.timeoutSeconds() < 1 || check.timeoutSeconds() > MAX_CHECK_TIMEOUT_SECONDS) {
                violations.add(new FieldViolation(field + ".timeoutSeconds", "must be between 1 and "
                        + MAX_CHECK_TIMEOUT_SECONDS));
            }
            if (check.browser() != null) {
                validateBrowser(check.browser(), field + ".browser", violations);
            }
        }
    }

    private static void validateBrowser(Check.Browser browser, String field, List<FieldViolation> violations) {
        if (browser.port() < 1 || browser.port() > 65_535) {
            violations.add(new FieldViolation(field + ".port", "must be a TCP port (1..65535) the server listens on"));
        }
        if (browser.paths().isEmpty() || browser.paths().size() > MAX_BROWSER_PATHS) {
            violations.add(new FieldViolation(field + ".paths", "must list 1 to " + MAX_BROWSER_PATHS + " paths"));
        }
        for (int i = 0; i < browser.paths().size(); i++) {
            String path = browser.paths().get(i);
            if (path == null || !path.startsWith("/") || path.length() > MAX_BROWSER_PATH_CHARS) {
                violations.add(new FieldViolation(field + ".paths[" + i + "]", "must start with / and be at most "
                        + MAX_BROWSER_PATH_CHARS + " characters"));
            }
        }
        if (browser.readySeconds() > MAX_CHECK_TIMEOUT_SECONDS) {
            violations.add(new FieldViolation(field + ".readySeconds", "must be at most " + MAX_CHECK_TIMEOUT_SECONDS));
        }
    }

    /** What is wrong with a required bounded text, if anything. */
    private static Optional<String> text(String value, int max) {
        if (value == null || value.isBlank()) {
            return Optional.of("must not be blank");
        }
        return value.length() > max ? Optional.of(tooLong(max, value)) : Optional.empty();
    }

    private static String tooLong(int max, String value) {
        return "must be at most " + max + " characters, not " + value.length();
    }
}
