package dev.ratchet.planner.session.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.plan.PlanChecks;
import dev.ratchet.core.plan.PlanRules;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.DirectiveRules;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.Transition;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.workspace.Git;

/**
 * A person in the front seat: edits and approves a plan that waits, and steers a session with directives. Checks
 * what it can before storing (400 naming the field, 409 when the session's state does not take it), then stores
 * the machine's decision, which checks again on the fresh state: a session that changed in between is a 409 too.
 */
@ApplicationScoped
public class SteeringService {

    private final SessionStore store;
    private final SessionEvents events;
    private final SessionMachine machine;
    private final PlannerConfig config;
    private final ResultBranches results;

    SteeringService(SessionStore store, SessionEvents events, SessionMachine machine, PlannerConfig config,
            ResultBranches results) {
        this.results = results;
        this.store = store;
        this.events = events;
        this.machine = machine;
        this.config = config;
    }

    /**
     * @return the directives as the session numbered them (applied already when a paused session resumed)
     * @throws ProblemException 400 naming each invalid field, 409 when the session does not take them now
     */
    public List<Directive> steer(Session session, List<Directive> received) {
        List<FieldViolation> invalid = new ArrayList<>();
        if (received == null || received.isEmpty() || received.size() > DirectiveRules.MAX_PER_REQUEST) {
            invalid.add(new FieldViolation("directives", "must hold 1 to " + DirectiveRules.MAX_PER_REQUEST
                    + " directives"));
        } else {
            for (int i = 0; i < received.size(); i++) {
                invalid.addAll(DirectiveRules.violations(i, received.get(i)));
            }
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Invalid directives", invalid);
        }
        refuse(session, received);
        int before = session.steering().directives().size();
        Transition t = decide(session, s -> machine.steered(s, received, Instant.now()), s -> refuse(s, received));
        return t.session().steering().directives().subList(before, before + received.size());
    }

    /** @throws ProblemException 400 naming each invalid field, 409 when no plan waits for approval */
    public Session editPlan(Session session, List<PlanStep> plan) {
        List<FieldViolation> invalid = violations(session, plan);
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Invalid plan", invalid);
        }
        awaiting(session, "edited");
        return decide(session, s -> machine.planEdited(s, plan, Instant.now()), s -> awaiting(s, "edited"))
                .session();
    }

    /**
     * A person's plan is held to the rules of a model's: the plan rules, and for steps that name files, checks or
     * estimates the checks against the session ({@link PlanChecks}, which read the files at the base commit).
     */
    private List<FieldViolation> violations(Session session, List<PlanStep> plan) {
        if (plan == null || plan.stream().allMatch(s -> s == null || s.scope().isEmpty())) {
            return PlanRules.violations(plan, config.maxSteps());
        }
        List<String> files = RepoLocation.parse(session.repo()).map(repo -> Git.listFiles(repo, session.baseCommit()))
                .orElse(List.of());
        PlanConversation.Target target = PlanConversation.Target.of(session, config.maxSteps(),
                config.stepContextTokens(), files);
        return PlanChecks.violations(plan, target.limits(), target.files(), target.checks());
    }

    /** @throws ProblemException 409 when no plan waits for approval */
    public Session approve(Session session) {
        awaiting(session, "approved");
        return decide(session, s -> machine.approved(s, Instant.now()), s -> awaiting(s, "approved")).session();
    }

    private Transition decide(Session session, Function<Session, Transition> decision,
            Consumer<Session> refusal) {
        Transition t = store.apply(session.id(), decision);
        if (t.outcome() != Transition.Outcome.APPLIED) {
            refusal.accept(t.session());
            throw ProblemException.conflict("the session changed while the request was handled; read it again");
        }
        events.publishInBackground(t);
        results.afterDecision(t.session());
        return t;
    }

    private static void refuse(Session session, List<Directive> received) {
        DirectiveRules.refusal(session, received).ifPresent(why -> {
            throw ProblemException.conflict(why);
        });
    }

    private static void awaiting(Session session, String what) {
        if (session.status() != SessionStatus.AWAITING_APPROVAL) {
            throw ProblemException.conflict("the session is " + session.status() + "; a plan is " + what
                    + " only while it is AWAITING_APPROVAL (create the session with \"approval\": \"manual\")");
        }
    }
}
