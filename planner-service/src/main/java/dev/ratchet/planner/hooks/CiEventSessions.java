package dev.ratchet.planner.hooks;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.hooks.CiEvent;
import dev.ratchet.core.hooks.CiTemplate;
import dev.ratchet.core.hooks.CiTriggers;
import dev.ratchet.core.hooks.HookTrigger;
import dev.ratchet.core.hooks.PayloadException;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.planner.session.flow.SessionService;

/**
 * What a CI system's CloudEvent starts, whichever way it came: {@code POST /hooks/cloudevents} or the
 * {@code ratchet.ci.events} topic. Core {@link CiTriggers} maps its type to a session template, a mapped repository
 * name gives the local clone and its team, and the event's {@code source} and {@code id} are claimed in Redis, so
 * the same event sent again (a CI system's retry, or the same event on both ways) starts nothing.
 */
@ApplicationScoped
public class CiEventSessions {

    /** What became of an event. */
    public enum Result { STARTED, DUPLICATE, IGNORED }

    /**
     * @param reason  why it was ignored, or what started (the trigger, repository and revision)
     * @param session the session started, or started before for the same event; null when ignored
     */
    public record Outcome(Result result, String reason, String session) {
    }

    private final CloudEventHooksConfig config;
    private final HookDeliveries deliveries;
    private final SessionService sessions;
    private final HookClones clones;

    CiEventSessions(CloudEventHooksConfig config, HookDeliveries deliveries, SessionService sessions,
            HookClones clones) {
        this.config = config;
        this.deliveries = deliveries;
        this.sessions = sessions;
        this.clones = clones;
    }

    /**
     * Starts the session {@code event} maps to, once.
     *
     * @param admit given the team owning the mapped repository and the repository's name before anything starts;
     *              throws to refuse (an HTTP caller's key of another team)
     * @throws PayloadException when the event lacks what its template reads
     */
    public Outcome start(CiEvent event, BiConsumer<String, String> admit) {
        HookTrigger trigger = CiTriggers.decide(event, templates());
        if (!(trigger instanceof HookTrigger.Start start)) {
            return new Outcome(Result.IGNORED, ((HookTrigger.Ignore) trigger).reason(), null);
        }
        CloudEventHooksConfig.Repo repo = config.repos().get(start.repository());
        if (repo == null) {
            return new Outcome(Result.IGNORED, "repository " + start.repository() + " is not mapped to a local "
                    + "clone (ratchet.hooks.cloudevents.repos.\"" + start.repository() + "\".path and .team)", null);
        }
        admit.accept(repo.team(), start.repository());
        HookDeliveries.Once once = deliveries.startOnce(RedisKeys.cloudEvent(event.source(), event.id()),
                () -> {
                    clones.prepare(repo.path(), repo.cloneUrl(), start.revision());
                    return sessions.createAt(repo.team(), repo.path(), start.revision(), start.goal());
                });
        if (!once.started()) {
            return new Outcome(Result.DUPLICATE, "event " + event.id() + " from " + event.source()
                    + " was handled already", once.session());
        }
        return new Outcome(Result.STARTED, start.trigger() + " on " + start.repository()
                + (start.revision() == null ? "" : " at " + start.revision()), once.session());
    }

    private Map<String, CiTemplate> templates() {
        Map<String, CiTemplate> templates = new HashMap<>();
        config.types().forEach((type, t) -> templates.put(type, new CiTemplate(t.goal(), t.repository(),
                t.revision())));
        return templates;
    }
}
