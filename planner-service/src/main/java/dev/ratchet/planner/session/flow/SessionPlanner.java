package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.plan.PlanFormatException;
import dev.ratchet.core.plan.PlanParser;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.plan.PlannerPrompt;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.Transition;
import dev.ratchet.models.ChatMessage;
import dev.ratchet.models.ChatRequest;
import dev.ratchet.models.ChatResult;
import dev.ratchet.models.ModelCallException;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.model.ModelClients;
import dev.ratchet.workspace.Git;

/**
 * Asks the planner model for a plan and starts the session on it. Runs on its own small pool: planning waits on
 * the slow model and must not hold a request thread or a Kafka consumer.
 */
@ApplicationScoped
public class SessionPlanner {

    private static final Logger LOG = Logger.getLogger(SessionPlanner.class);

    private final SessionStore store;
    private final SessionEvents events;
    private final ModelClients models;
    private final SessionMachine machine;
    private final PlannerConfig config;
    private final RatchetMetrics metrics;
    private final ExecutorService pool;

    SessionPlanner(SessionStore store, SessionEvents events, ModelClients models, SessionMachine machine,
            PlannerConfig config, RatchetMetrics metrics) {
        this.store = store;
        this.events = events;
        this.models = models;
        this.machine = machine;
        this.config = config;
        this.metrics = metrics;
        this.pool = Executors.newFixedThreadPool(config.planningThreads(), r -> {
            Thread t = new Thread(r, "ratchet-planning");
            t.setDaemon(true);
            return t;
        });
    }

    public void planLater(Session session) {
        pool.execute(() -> plan(session));
    }

    void plan(Session session) {
        Instant start = Instant.now();
        Transition transition;
        List<PlanStep> steps = null;
        try {
            steps = askModel(session);
            List<PlanStep> plan = steps;
            transition = store.apply(session.id(), plan, s -> machine.planned(s, plan, Instant.now()));
        } catch (ModelCallException | PlanFormatException e) {
            LOG.warnf("planning session %s failed: %s", session.id(), e.getMessage());
            transition = store.apply(session.id(), null, s -> machine.planningFailed(s, e.getMessage(),
                    Instant.now()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "planning session %s failed", session.id());
            transition = store.apply(session.id(), null, s -> machine.planningFailed(s, e.toString(),
                    Instant.now()));
        }
        metrics.stage("planning", Duration.between(start, Instant.now()));
        events.publish(transition.events());
    }

    private List<PlanStep> askModel(Session session) throws ModelCallException {
        Path repo = RepoLocation.parse(session.repo()).orElseThrow();
        List<String> files = Git.listFiles(repo, session.baseCommit());
        String agentsMd = Git.show(repo, session.baseCommit(), "AGENTS.md").orElse(null);
        Prompt prompt = PlannerPrompt.build(session.goal(), session.checks(), files, agentsMd, config.maxSteps(),
                new TokenBudget(config.planningContextTokens()));
        ChatResult answer = models.planner().complete(new ChatRequest(
                List.of(ChatMessage.system(prompt.system()), ChatMessage.user(prompt.user())), null, null, true));
        metrics.tokens("planner", answer.usage().promptTokens(), answer.usage().completionTokens());
        return PlanParser.parse(answer.content(), config.maxSteps());
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
