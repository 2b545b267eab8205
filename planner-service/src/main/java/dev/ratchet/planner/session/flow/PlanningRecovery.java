package dev.ratchet.planner.session.flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.planner.session.store.SessionStore;
import io.quarkus.runtime.StartupEvent;

/**
 * A planner that stopped while a plan was being made leaves the session in PLANNING. On start, such sessions are
 * planned again; if another planner instance finishes first, the stored state wins and this attempt is ignored.
 */
@ApplicationScoped
public class PlanningRecovery {

    private static final Logger LOG = Logger.getLogger(PlanningRecovery.class);
    private final SessionStore store;
    private final SessionPlanner planner;

    PlanningRecovery(SessionStore store, SessionPlanner planner) {
        this.store = store;
        this.planner = planner;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            store.planningIds().stream().map(store::find).flatMap(java.util.Optional::stream)
                    .filter(s -> s.status() == SessionStatus.PLANNING)
                    .forEach(s -> {
                        LOG.infof("resuming planning of session %s", s.id());
                        planner.planLater(s);
                    });
        } catch (RuntimeException e) {
            // Redis may not be up yet; sessions stay in PLANNING until the next start, nothing is lost.
            LOG.warnf("could not scan for sessions to resume: %s", e.getMessage());
        }
    }
}
