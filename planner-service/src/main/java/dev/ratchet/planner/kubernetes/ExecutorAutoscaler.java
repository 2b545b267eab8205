package dev.ratchet.planner.kubernetes;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.scale.ExecutorScaling;
import dev.ratchet.core.scale.ExecutorScaling.Decision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sets the executor Deployment's replicas from the demand (core {@link ExecutorScaling}), every
 * {@code ratchet.kubernetes.autoscaler.interval}, on the planner replica holding the Lease. Every decision is logged
 * with its inputs and counted ({@code ratchet_autoscaler_decisions_total{why}}); the replicas wanted are a gauge
 * ({@code ratchet_autoscaler_replicas}).
 */
@ApplicationScoped
public class ExecutorAutoscaler {

    private static final Logger LOG = Logger.getLogger(ExecutorAutoscaler.class);

    private final KubernetesConfig.Autoscaler config;
    private final ExecutorScaling scaling;
    private final ExecutorDemand demand;
    private final MeterRegistry registry;
    private final AtomicInteger wanted = new AtomicInteger(-1);
    private ScheduledExecutorService timer;
    private Instant lastChange;

    ExecutorAutoscaler(KubernetesConfig config, ExecutorDemand demand, MeterRegistry registry) {
        this.config = config.autoscaler();
        this.scaling = new ExecutorScaling(this.config.min(), this.config.max(),
                this.config.targetStepsPerExecutor(), this.config.scaleDownCooldown());
        this.demand = demand;
        this.registry = registry;
        Gauge.builder("ratchet.autoscaler.replicas", wanted, AtomicInteger::get).register(registry);
    }

    boolean enabled() {
        return config.enabled();
    }

    synchronized void start(KubernetesClient client, String namespace) {
        stop();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "executor-autoscaler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                decide(client, namespace, Instant.now());
            } catch (RuntimeException e) {
                LOG.warnf("executor autoscaler: no decision this round: %s", e.toString());
            }
        }, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** One round: read the demand and the replicas, decide, scale when the decision differs. */
    synchronized Decision decide(KubernetesClient client, String namespace, Instant now) {
        var deployment = client.apps().deployments().inNamespace(namespace).withName(config.deployment());
        int current = deployment.scale().getSpec().getReplicas();
        Decision decision = scaling.decide(demand.backlog(config.group()), demand.inFlight(now.toEpochMilli()),
                current, lastChange, now);
        if (decision.replicas() != current) {
            deployment.scale(decision.replicas());
            lastChange = now;
        }
        wanted.set(decision.replicas());
        Counter.builder("ratchet.autoscaler.decisions").tag("why", decision.why().name().toLowerCase())
                .register(registry).increment();
        LOG.infof("executor autoscaler: %s %d -> %d (needed %d for demand %d: backlog plus steps in flight, %d "
                + "per executor, %d..%d)", decision.why(), current, decision.replicas(), decision.needed(),
                decision.demand(), config.targetStepsPerExecutor(), config.min(), config.max());
        return decision;
    }
}
