package dev.ratchet.planner.kubernetes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Session;
import dev.ratchet.k8s.session.AnnotationSteering;
import dev.ratchet.k8s.session.CodingSession;
import dev.ratchet.k8s.session.CodingSessionSpec;
import dev.ratchet.k8s.session.CodingSessionStatus;
import dev.ratchet.k8s.session.SessionStatuses;
import dev.ratchet.planner.session.api.BudgetRequest;
import dev.ratchet.planner.session.flow.SessionService;
import dev.ratchet.planner.session.flow.SteeringService;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.rest.ProblemException;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Brings one CodingSession and its session together: a new resource gets a finalizer, then a session made the way
 * {@code POST /api/v1/sessions} makes one (an invalid spec gets a condition instead); its status follows the
 * session, written only when it changed; its steering annotations become directives and approvals
 * ({@link AnnotationSteering}); a deleted resource cancels its session before its finalizer goes.
 */
@ApplicationScoped
public class CodingSessionReconciler {

    private static final Logger LOG = Logger.getLogger(CodingSessionReconciler.class);

    private final SessionService sessions;
    private final SessionStore store;
    private final SteeringService steering;
    private final ObjectMapper json;
    private final String team;

    CodingSessionReconciler(SessionService sessions, SessionStore store, SteeringService steering, ObjectMapper json,
            KubernetesConfig config) {
        this.sessions = sessions;
        this.store = store;
        this.steering = steering;
        this.json = json;
        this.team = config.controller().team();
    }

    public void reconcile(KubernetesClient client, CodingSession resource) {
        // A resource's session has the resource's uid as its id: found again whatever the informer's cache shows
        // of the status written a moment ago, and after a planner restart between creating it and writing that.
        String id = resource.getMetadata().getUid();
        Optional<Session> session = store.find(id);
        if (resource.isMarkedForDeletion()) {
            if (resource.hasFinalizer(SessionStatuses.FINALIZER)) {
                session.ifPresent(s -> cancel(s, name(resource)));
                client.resource(copy(client, resource)).edit(r -> {
                    r.removeFinalizer(SessionStatuses.FINALIZER);
                    return r;
                });
            }
            return;
        }
        if (!resource.hasFinalizer(SessionStatuses.FINALIZER)) {
            // The update this makes brings the resource back with the finalizer: a session is made only then, so
            // that no session exists that a deletion could leave running.
            client.resource(copy(client, resource)).edit(r -> {
                r.addFinalizer(SessionStatuses.FINALIZER);
                return r;
            });
            return;
        }
        long generation = Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
        Map<String, String> annotations = Optional.ofNullable(resource.getMetadata().getAnnotations())
                .orElse(Map.of());
        CodingSessionStatus current = resource.getStatus();
        CodingSessionStatus next;
        if (session.isPresent()) {
            next = SessionStatuses.of(steer(session.get(), name(resource), annotations), generation, annotations);
        } else if (current != null && current.sessionId() != null) {
            return; // past retention: the last status written stays
        } else if (SessionStatuses.refused(current, generation)) {
            return;
        } else {
            next = create(id, resource, generation, annotations);
        }
        if (!next.equals(current)) {
            // The whole status, replaced at the resource version read (a conflict is retried at the next resync).
            CodingSession changed = copy(client, resource);
            changed.setStatus(next);
            client.resource(changed).updateStatus();
        }
    }

    private CodingSessionStatus create(String id, CodingSession resource, long generation,
            Map<String, String> annotations) {
        CodingSessionSpec spec = resource.getSpec();
        // A refusal is dated by the resource, not the clock, so that judging the same spec again changes nothing.
        Instant at = Instant.parse(resource.getMetadata().getCreationTimestamp());
        if (spec == null) {
            return SessionStatuses.invalid(List.of("spec: must hold repo and goal"), generation, at, annotations);
        }
        Guardrails guardrails;
        try {
            guardrails = spec.guardrails() == null ? null
                    : json.readValue(json.writeValueAsString(spec.guardrails()), Guardrails.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return SessionStatuses.invalid(List.of("guardrails: " + e.getMessage()), generation, at, annotations);
        }
        try {
            BudgetRequest budget = spec.budget() == null ? null
                    : new BudgetRequest(spec.budget().tokens(), spec.budget().wallClockSeconds());
            Session session = sessions.createWithId(id, team, spec.repo(), spec.goal(), spec.checks() == null ? null
                    : spec.checks().stream().map(c -> c == null ? null : c.toCheck()).toList(), guardrails,
                    spec.maxTurns(), spec.approval(), new SessionService.Options(budget, spec.variants(),
                            spec.select()));
            LOG.infof("CodingSession %s: session %s created", name(resource), session.id());
            return SessionStatuses.of(session, generation, annotations);
        } catch (ProblemException e) {
            List<String> problems = e.errors() == null || e.errors().isEmpty() ? List.of(e.title())
                    : e.errors().stream().map(v -> v.field() + ": " + v.message()).toList();
            LOG.infof("CodingSession %s refused: %s", name(resource), problems);
            return SessionStatuses.invalid(problems, generation, at, annotations);
        }
    }

    /**
     * What the resource's steering annotations ask that the session has not been given yet, given through the same
     * service as {@code POST .../steer} and {@code .../plan/approve}: the session as it is afterwards.
     */
    private Session steer(Session session, String name, Map<String, String> annotations) {
        AnnotationSteering.Decision decision = AnnotationSteering.decide(session, annotations);
        if (!decision.acts()) {
            return session;
        }
        try {
            if (!decision.directives().isEmpty()) {
                List<Directive> given = steering.steer(session, decision.directives());
                LOG.infof("CodingSession %s: %s", name, given.stream().map(Directive::describe).toList());
            }
            if (decision.approve()) {
                steering.approve(store.find(session.id()).orElse(session));
                LOG.infof("CodingSession %s: plan of session %s approved by annotation", name, session.id());
            }
        } catch (ProblemException e) {
            // 409: the session moved on between the read and the decision; the next reconcile judges it again.
            LOG.debugf("CodingSession %s: steering annotations not applied yet: %s", name, e.getMessage());
        }
        return store.find(session.id()).orElse(session);
    }

    /** A person's cancel directive, as {@code POST /steer} takes it: in-flight work stops, the session ends. */
    private void cancel(Session session, String name) {
        if (session.status().terminal()) {
            return;
        }
        try {
            steering.steer(session, List.of(new Directive(null, Directive.Type.CANCEL,
                    "the CodingSession " + name + " was deleted", null, null, null, null, null, null, null)));
            LOG.infof("CodingSession %s deleted: session %s cancelled", name, session.id());
        } catch (ProblemException e) {
            // 409: it ended between the read and the directive; nothing is left to cancel.
            LOG.debugf("CodingSession %s deleted: session %s not cancelled: %s", name, session.id(), e.getMessage());
        }
    }

    /** Changes are made on a copy: the resource is the informer's cached one, shared with its other readers. */
    private static CodingSession copy(KubernetesClient client, CodingSession resource) {
        return client.getKubernetesSerialization().clone(resource);
    }

    private static String name(CodingSession resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }
}
