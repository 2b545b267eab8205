package dev.ratchet.runtime.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.work.OwnedWork;

/**
 * Alive unless a thread is stuck: a record handler busier than its own retry limit allows, or owned work running
 * past the bound its own timeouts set. Long work is not stuck: a one-hour check stays UP for its hour. (This replaces
 * the connector's fixed 60 s acknowledgement limit, which a long check would trip; see docs/ARCHITECTURE.md.)
 */
@Liveness
@ApplicationScoped
public class WorkLiveness implements HealthCheck {

    private final Redelivery redelivery;
    private final Instance<OwnedWork> pools;

    WorkLiveness(Redelivery redelivery, Instance<OwnedWork> pools) {
        this.redelivery = redelivery;
        this.pools = pools;
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ratchet-work").up();
        redelivery.oldestRunning().ifPresent(since -> {
            Duration busy = Duration.between(since, now);
            response.withData("oldest-handler-s", busy.toSeconds());
            if (busy.compareTo(redelivery.longestHandling().plusMinutes(1)) > 0) {
                response.down();
            }
        });
        for (OwnedWork pool : pools) {
            List<OwnedWork.InFlight> work = pool.inFlight();
            response.withData(pool.name() + "-in-flight", work.size());
            work.stream().filter(w -> w.stuckAt(now)).findFirst().ifPresent(stuck -> response.down()
                    .withData(pool.name() + "-stuck", stuck.lease().sessionId() + " " + stuck.lease().field()));
        }
        return response.build();
    }
}
