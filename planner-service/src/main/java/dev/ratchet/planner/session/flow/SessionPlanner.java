package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanFormatException;
import dev.ratchet.core.plan.PlannerPrompt;
import dev.ratchet.core.plan.RepoAgents;
import dev.ratchet.core.plan.ReplanPrompt;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Transition;
import dev.ratchet.core.skill.replay.ReplayChecks;
import dev.ratchet.core.skill.replay.ReplayChoice;
import dev.ratchet.models.ModelCallException;
import dev.ratchet.models.ModelSettings;
import dev.ratchet.planner.session.flow.PlanConversation.ModelPlan;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.messaging.Transient;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.tracing.ModelSpans;
import dev.ratchet.runtime.model.ModelClients;
import dev.ratchet.runtime.work.Claim;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.Ownership;
import dev.ratchet.runtime.work.WorkLeases;
import dev.ratchet.workspace.Git;

/**
 * Plans a session and starts it on the plan: from a trusted skill the registry matches to the goal (no model
 * call, {@link SkillReplays}), else from the planner model. A session re-planning after a failed step
 * ({@code Session.pendingRevision}) always asks the planner model, with the failure in its prompt. Planning runs under the session's planning
 * lease on its own small pool: it waits on the slow model and must not hold a request thread or a Kafka consumer,
 * and only the lease holder plans. A planner that stops (killed, or a plain SIGTERM) leaves the session to the
 * next lease holder instead of failing it: the reaper takes planning over once the lease runs out.
 */
@ApplicationScoped
public class SessionPlanner {

    /** The work-lease field planning holds. */
    public static final String LEASE = "planner:planning";

    private static final Logger LOG = Logger.getLogger(SessionPlanner.class);

    private final SessionStore store;
    private final SessionEvents events;
    private final ModelClients models;
    private final SessionMachine machine;
    private final PlannerConfig config;
    private final RatchetMetrics metrics;
    private final WorkLeases leases;
    private final OwnedWork planning;
    private final SkillReplays replays;
    private final PlanConversation conversation;
    private final ModelSpans modelSpans;

    SessionPlanner(SessionStore store, SessionEvents events, ModelClients models, SessionMachine machine,
            PlannerConfig config, RatchetMetrics metrics, WorkLeases leases, OwnedWork planning,
            SkillReplays replays, PlanConversation conversation, ModelSpans modelSpans) {
        this.replays = replays;
        this.modelSpans = modelSpans;
        this.conversation = conversation;
        this.store = store;
        this.events = events;
        this.models = models;
        this.machine = machine;
        this.config = config;
        this.metrics = metrics;
        this.leases = leases;
        this.planning = planning;
    }

    /** Takes the session's planning lease and plans it in the background; nothing when another planner has it. */
    public void planLater(Session session) {
        Claim claim = leases.acquire(session.id(), LEASE);
        if (claim.outcome() != Claim.Outcome.TAKEN) {
            LOG.infof("session %s is not planned here: %s", session.id(), claim.outcome() == Claim.Outcome.NO_SESSION
                    ? "it does not exist" : claim.holder() + " is planning it");
            return;
        }
        planning.submit(claim.lease().orElseThrow(), bound(), ownership -> plan(session.id(), ownership));
    }

    private void plan(String id, Ownership ownership) {
        Optional<Session> found = store.find(id);
        if (found.isEmpty() || found.get().status() != SessionStatus.PLANNING) {
            return;
        }
        Session session = found.get();
        Instant start = Instant.now();
        Transition transition;
        try {
            Path repo = RepoLocation.parse(session.repo()).orElseThrow();
            List<String> files = Git.listFiles(repo, session.baseCommit());
            Function<Session, Transition> decision = session.pendingRevision().isPresent()
                    ? revise(session, repo, files) : firstPlan(session, repo, files);
            if (ownership.lost()) {
                return;
            }
            transition = store.apply(id, decision);
        } catch (ModelCallException | PlanFormatException e) {
            if (ownership.lost()) {
                return;
            }
            LOG.warnf("planning session %s failed: %s", id, e.getMessage());
            transition = store.apply(id, s -> machine.planningFailed(s, e.getMessage(), Instant.now()));
        } catch (RuntimeException e) {
            if (ownership.lost() || Transient.is(e)) {
                // Stopping, taken over, or Redis/the broker away: the lease is given up and the reaper resumes it.
                throw e;
            }
            LOG.errorf(e, "planning session %s failed", id);
            transition = store.apply(id, s -> machine.planningFailed(s, e.toString(), Instant.now()));
        }
        metrics.stage("planning", Duration.between(start, Instant.now()));
        events.publish(transition);
    }

    /**
     * The first plan: a trusted skill's when the registry has one for the goal and its plan may run in this session
     * (core {@code ReplayChecks}; when it may not, the progress stream says why), else the planner model's.
     */
    private Function<Session, Transition> firstPlan(Session session, Path repo, List<String> files)
            throws ModelCallException {
        ReplayChoice.Decision decision = replays.decide(session, files);
        List<Progress> notes = new ArrayList<>();
        if (decision instanceof ReplayChoice.Replay replay) {
            PlanConversation.Target against = against(session, config.maxSteps(), files);
            Optional<String> refusal = ReplayChecks.refusal(replay, against.limits(), files, against.checks());
            if (refusal.isPresent()) {
                LOG.infof("session %s: %s", session.id(), refusal.get());
                notes.add(new Progress(Progress.SKILL_NOT_REPLAYED, null, 0, refusal.get(), Instant.now()));
                decision = new ReplayChoice.AskModel(refusal.get());
            }
        }
        ModelPlan planned;
        String plannedFrom;
        if (decision instanceof ReplayChoice.Replay replay) {
            LOG.infof("session %s is planned from skill %s (score %.3f): no planner model call", session.id(),
                    replay.skill(), replay.score());
            planned = new ModelPlan(replay.plan(), Usage.NONE);
            plannedFrom = replay.skill().toString();
        } else {
            LOG.infof("session %s is planned by the planner model: %s", session.id(),
                    ((ReplayChoice.AskModel) decision).reason());
            planned = askModel(session, repo, files);
            plannedFrom = null;
        }
        return s -> machine.planned(s, planned.plan(), plannedFrom, planned.usage(), Instant.now())
                .withEarlierProgress(notes);
    }

    /**
     * The planner model's revision of a session whose step failed all its attempts: the failed step and the rest,
     * within what the plan's limit leaves after the steps kept (at least one step).
     */
    private Function<Session, Transition> revise(Session session, Path repo, List<String> files)
            throws ModelCallException {
        int maxSteps = Math.max(1, config.maxSteps() - session.currentStep());
        LOG.infof("session %s: the planner model revises the plan from step %s", session.id(),
                session.pendingRevision().orElseThrow().failedStep());
        PlanConversation.Target against = against(session, maxSteps, files);
        ModelPlan revision = traced(session, () -> conversation.plan(ReplanPrompt.build(session, files,
                RepositorySources.at(repo, session.baseCommit()), agents(repo, session, files), against.limits(),
                new TokenBudget(config.planningContextTokens())), against));
        return s -> machine.replanned(s, revision.plan(), revision.usage(), Instant.now());
    }

    private ModelPlan askModel(Session session, Path repo, List<String> files) throws ModelCallException {
        PlanConversation.Target against = against(session, config.maxSteps(), files);
        Prompt prompt = PlannerPrompt.build(session.goal(), session.checks(), files,
                RepositorySources.at(repo, session.baseCommit()), agents(repo, session, files), against.limits(),
                new TokenBudget(config.planningContextTokens()));
        return traced(session, () -> conversation.plan(prompt, against));
    }

    /** What {@link PlanConversation#plan} may do: ask the model, and fail with the model's or the plan's reason. */
    private interface Conversation {
        ModelPlan plan() throws ModelCallException;
    }

    /**
     * The planner model's conversation (every round) as one model span of the session (runtime {@link ModelSpans}),
     * with the tokens of all its answers, or its failure.
     */
    private ModelPlan traced(Session session, Conversation conversation) throws ModelCallException {
        try (ModelSpans.Call call = modelSpans.start("planner", models.config().planner().model(), session.id())) {
            try {
                ModelPlan plan = conversation.plan();
                call.used(null, plan.usage().tokensIn(), plan.usage().tokensOut());
                return plan;
            } catch (ModelCallException | PlanFormatException e) {
                call.failed(e.getMessage());
                throw e;
            }
        }
    }

    /**
     * The repository's AGENTS.md at the base commit, or, when it has none, the one the session proposes (the same
     * proposal its AGENTS.md file shows), so the planner model knows the build and test commands.
     */
    private static RepoAgents agents(Path repo, Session session, List<String> files) {
        Optional<String> own = Git.show(repo, session.baseCommit(), "AGENTS.md");
        return own.isPresent() ? RepoAgents.own(own.get())
                : new RepoAgents(null, SessionDocuments.proposal(repo, session, files));
    }

    private PlanConversation.Target against(Session session, int maxSteps, List<String> files) {
        return PlanConversation.Target.of(session, maxSteps, config.stepContextTokens(), files);
    }

    /** The longest a plan can take by the model client's own limits: every attempt and every pause. */
    private Duration bound() {
        ModelSettings m = models.planner().settings();
        return m.timeout().multipliedBy(m.maxRetries() + 1L).plus(m.maxBackoff().multipliedBy(m.maxRetries()))
                .plusMinutes(1);
    }
}
