package dev.ratchet.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the broker and Redis answer, from {@link InfraProbe}'s last findings: answers at once. */
@Readiness
@ApplicationScoped
public class InfraReadiness implements HealthCheck {

    private final InfraProbe probe;

    InfraReadiness(InfraProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        InfraProbe.State kafka = probe.kafka();
        InfraProbe.State redis = probe.redis();
        return HealthCheckResponse.named("ratchet-infra").status(kafka.up() && redis.up())
                .withData("kafka", kafka.detail()).withData("redis", redis.detail()).build();
    }
}
