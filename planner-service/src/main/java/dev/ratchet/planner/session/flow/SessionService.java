package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.auth.RepoRoots;
import dev.ratchet.core.checks.AgentsMd;
import dev.ratchet.core.checks.CheckFileException;
import dev.ratchet.core.checks.CleanupOption;
import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.checks.SessionChecks;
import dev.ratchet.core.checks.VerifyMd;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.files.ResumeFiles;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.BudgetLimits;
import dev.ratchet.core.session.Fanout;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionRequestValidator;
import dev.ratchet.core.session.Selection;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.Transition;
import dev.ratchet.planner.limits.DailyTokens;
import dev.ratchet.planner.limits.LimitsConfig;
import dev.ratchet.planner.limits.TeamLimits;
import dev.ratchet.planner.session.api.ApiConfig;
import dev.ratchet.planner.session.api.BudgetRequest;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.auth.TeamsConfig;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.ProblemMappers;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;

/**
 * Starts sessions for a team: pin the base commit, decide the checks (the request's, else the repository's
 * VERIFY.md, else its AGENTS.md, both at the base commit), validate (budget included), hold the repository to the
 * team's roots and limits (tokens today, unfinished sessions), store the machine's decision (with its announcement in
 * the outbox), plan in the background, announce without making the caller wait for the broker.
 */
@ApplicationScoped
public class SessionService {

    private static final String INVALID = "Invalid session request";

    private final SessionRequestValidator validator;
    private final SessionStore store;
    private final SessionEvents events;
    private final SessionPlanner planner;
    private final SessionMachine machine;
    private final TeamsConfig teams;
    private final BudgetLimits budgets;
    private final TeamLimits limits;
    private final DailyTokens dailyTokens;
    private final int maxSteps;

    SessionService(SessionStore store, SessionEvents events, SessionPlanner planner, SessionMachine machine,
            ApiConfig api, TeamsConfig teams, LimitsConfig limitsConfig, TeamLimits limits, DailyTokens dailyTokens,
            PlannerConfig plannerConfig) {
        this.maxSteps = plannerConfig.maxSteps();
        this.budgets = limitsConfig.budgetLimits();
        this.limits = limits;
        this.dailyTokens = dailyTokens;
        this.validator = new SessionRequestValidator(Git::isRepository, api.maxChecks());
        this.store = store;
        this.events = events;
        this.planner = planner;
        this.machine = machine;
        this.teams = teams;
    }

    /**
     * @param team the caller's team: it owns the session, and the repository must lie under its roots
     * @param checks null or empty to take the repository's
     * @param guardrails null for the defaults
     * @param maxTurns null for the default
     * @param approval {@code "manual"} to wait for a person's approval after planning; null or {@code "auto"} not
     * @param options budget and variants ({@link Options#DEFAULTS} for none)
     * @throws ProblemException (400) naming every invalid field; (403) naming {@code repo} when it is outside
     *         the team's repository roots; (429) when the team is at its concurrent-session or daily-token limit
     */
    public Session create(String team, String repo, String goal, List<Check> checks, Guardrails guardrails,
            Integer maxTurns, String approval, Options options) {
        return create(UUID.randomUUID().toString(), team, repo, null, goal, checks, guardrails, maxTurns, approval,
                options, true);
    }

    /**
     * What a request may add to a session beyond its repository, goal, checks, guardrails, turns and approval, each
     * null for the default.
     *
     * @param budget the kill switch ({@code ratchet.limits.budget.*} for a null field)
     * @param variants 1 to 64 variants per attempt (1 when null)
     * @param select {@code "best"} (when null) or {@code "first"}
     * @param resume true to take the plan from the repository's PLAN.md and PROGRESS.md, with no planner model call
     *        ({@link ResumedPlans}); the goal, when not given, is PLAN.md's
     * @param cleanup whether and with which fixer the cleanup pass runs (null: none)
     * @param rounds attempts per step, 1 to {@link StepPolicy#MAX_ROUNDS} (null: {@code ratchet.planner.max-attempts})
     */
    public record Options(BudgetRequest budget, Integer variants, String select, Boolean resume,
            CleanupOption cleanup, Integer rounds) {

        public static final Options DEFAULTS = new Options(null, null, null, null);

        public Options(BudgetRequest budget, Integer variants, String select) {
            this(budget, variants, select, null);
        }

        public Options(BudgetRequest budget, Integer variants, String select, Boolean resume) {
            this(budget, variants, select, resume, null);
        }

        public Options(BudgetRequest budget, Integer variants, String select, Boolean resume,
                CleanupOption cleanup) {
            this(budget, variants, select, resume, cleanup, null);
        }
    }

    /**
     * As {@link #create(String, String, String, List, Guardrails, Integer, String, Options)} under a given
     * id: the Kubernetes controller uses its CodingSession's uid, so that a resource never
     * makes two sessions. The caller makes sure no session has the id yet. The team's limits are not applied: a
     * refusal would mark the resource invalid for good, where a limit means "later".
     */
    public Session createWithId(String id, String team, String repo, String goal, List<Check> checks,
            Guardrails guardrails, Integer maxTurns, String approval, Options options) {
        return create(id, team, repo, null, goal, checks, guardrails, maxTurns, approval, options, false);
    }

    /**
     * A session at {@code revision} rather than the repository's HEAD (a CI trigger's commit), with the
     * repository's checks, the default guardrails, turns and budget, approved automatically.
     *
     * @throws ProblemException (422) naming {@code revision} when the repository does not have that commit; (429)
     *         when the team is at a limit
     */
    public Session createAt(String team, String repo, String revision, String goal) {
        return create(UUID.randomUUID().toString(), team, repo, revision, goal, null, null, null, null,
                Options.DEFAULTS, true);
    }

    private Session create(String id, String team, String repo, String revision, String goal, List<Check> checks,
            Guardrails guardrails, Integer maxTurns, String approval, Options options, boolean limited) {
        Optional<Path> path = repo == null || repo.isBlank() ? Optional.empty()
                : RepoLocation.parse(repo).filter(Git::isRepository);
        String base = path.map(p -> revision == null ? Git.headCommit(p) : commit(p, revision)).orElse(null);
        boolean resuming = Boolean.TRUE.equals(options.resume());
        boolean goalFromPlan = resuming && (goal == null || goal.isBlank());
        SessionChecks declared;
        try {
            declared = SessionChecks.choose(checks, () -> file(path, base, VerifyMd.FILE),
                    () -> file(path, base, AgentsMd.FILE));
        } catch (CheckFileException e) {
            throw ProblemException.invalid(INVALID, List.of(new FieldViolation(VerifyMd.FILE, e.getMessage())));
        }
        // A resumed session's goal may be PLAN.md's, read after the repository roots' check below (ResumeFiles
        // refuses a PLAN.md without one); until then it stands in for the missing goal.
        List<FieldViolation> violations = new ArrayList<>(validator.validate(repo, goalFromPlan ? "resumed" : goal,
                declared, maxTurns));
        BudgetRequest budget = options.budget();
        Long budgetTokens = budget == null ? null : budget.tokens();
        Long budgetSeconds = budget == null ? null : budget.wallClockSeconds();
        violations.addAll(budgets.violations(budgetTokens, budgetSeconds));
        violations.addAll(Fanout.violations(options.variants(), options.select()));
        StepPolicy.roundsViolation(options.rounds()).ifPresent(m -> violations.add(new FieldViolation("rounds", m)));
        Optional<Fixer> fixer = cleanupFixer(options.cleanup(), path, base, violations);
        Approval mode = Approval.AUTO;
        try {
            mode = approval == null ? Approval.AUTO : Approval.parse(approval);
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("approval", e.getMessage()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(INVALID, violations);
        }
        RepoRoots.violation(team, path.orElseThrow(), teams.repoRoots(team)).ifPresent(v -> {
            throw new ProblemException(403, ProblemMappers.TYPE_FORBIDDEN, "Repository not allowed", "repo: " + v,
                    List.of(new FieldViolation("repo", v)));
        });
        // Only once the repository is known to be the team's: a refusal must not tell what lies elsewhere.
        if (options.cleanup() != null && options.cleanup().enabled() && fixer.isEmpty()) {
            throw ProblemException.unprocessable("No fixer declared", "cleanup: the repository's VERIFY.md at "
                    + base + " declares no fixer", List.of(new FieldViolation("cleanup", "is true, but the"
                            + " repository's VERIFY.md declares no fixer: add a ```" + VerifyMd.CLEANUP_BLOCK
                            + " block ({\"command\", \"timeoutSeconds\"}) or give the fixer here")));
        }
        // Read only once the repository is known to be the team's, for the same reason.
        ResumeFiles.Resume resume = resuming ? ResumedPlans.read(path.orElseThrow(), maxSteps) : null;
        if (goalFromPlan) {
            goal = resume.goal();
        }
        Instant now = Instant.now();
        if (limited) {
            dailyTokens.admit(team, now);
        }
        StepPolicy policy = new StepPolicy(guardrails, maxTurns == null ? StepPolicy.DEFAULT_MAX_TURNS : maxTurns,
                budgets.budget(budgetTokens, budgetSeconds), options.variants() == null ? 1 : options.variants(),
                options.select() == null ? null : Selection.parse(options.select())).withCleanup(fixer.orElse(null))
                .withRounds(options.rounds() == null ? 0 : options.rounds());
        String where = path.orElseThrow().toString();
        Transition decided = resume == null
                ? machine.created(id, where, goal.strip(), base, declared.checks(), policy, mode, now)
                : machine.resumed(id, where, goal.strip(), base, declared.checks(), policy, mode, resume.steps(),
                        resume.done(), now);
        Transition created = store.create(decided, team,
                limited ? limits.maxConcurrentSessions(team) : Integer.MAX_VALUE);
        if (resume == null) {
            planner.planLater(created.session());
        }
        events.publishInBackground(created);
        return created.session();
    }

    /**
     * The fixer of the session's cleanup pass: the request's, else (for {@code true}) the one VERIFY.md declares at
     * the base commit; empty when the pass is off or the repository declares none. Adds what is wrong with it.
     */
    private static Optional<Fixer> cleanupFixer(CleanupOption option, Optional<Path> path, String base,
            List<FieldViolation> violations) {
        if (option == null || !option.enabled()) {
            return Optional.empty();
        }
        if (option.fixer() != null) {
            violations.addAll(option.fixer().violations("cleanup"));
            return Optional.of(option.fixer());
        }
        try {
            Optional<Fixer> declared = file(path, base, VerifyMd.FILE).flatMap(VerifyMd::fixer);
            declared.ifPresent(f -> violations.addAll(f.violations(VerifyMd.FILE + " cleanup")));
            return declared;
        } catch (CheckFileException e) {
            violations.add(new FieldViolation(VerifyMd.FILE, e.getMessage()));
            return Optional.empty();
        }
    }

    private static String commit(Path repo, String revision) {
        ProcessRunner.Result resolved = Git.tryRun(repo, null, "rev-parse", "--verify", "--quiet",
                revision + "^{commit}");
        if (!resolved.ok()) {
            throw ProblemException.unprocessable("Unknown revision", "revision: " + repo + " has no commit "
                    + revision + "; fetch it into the clone first", List.of(new FieldViolation("revision",
                            "not in " + repo)));
        }
        return resolved.output().strip();
    }

    /** A file of the repository at the base commit; empty when there is no repository or no such file. */
    private static Optional<String> file(Optional<Path> repo, String commit, String name) {
        return repo.flatMap(p -> Git.show(p, commit, name));
    }
}
