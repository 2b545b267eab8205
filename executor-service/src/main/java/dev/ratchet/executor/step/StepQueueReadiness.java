package dev.ratchet.executor.step;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready to take step requests only while the share-group input polls: before it has joined the group (the broker is
 * not reachable yet) and after its consumer failed, this executor takes nothing, and a Kubernetes Service or the
 * local console should not count it. With {@code dispatch=partitions} the messaging connector's own readiness check
 * covers the input.
 */
@Readiness
@ApplicationScoped
public class StepQueueReadiness implements HealthCheck {

    private final ExecutorConfig config;
    private final StepQueue queue;

    StepQueueReadiness(ExecutorConfig config, StepQueue queue) {
        this.config = config;
        this.queue = queue;
    }

    @Override
    public HealthCheckResponse call() {
        boolean share = config.dispatch() == ExecutorConfig.Dispatch.SHARE_GROUP;
        boolean up = !share || queue.input().map(i -> i.running()).orElse(false);
        return HealthCheckResponse.named("ratchet-step-queue").status(up)
                .withData("dispatch", share ? "share-group" : "partitions").build();
    }
}
