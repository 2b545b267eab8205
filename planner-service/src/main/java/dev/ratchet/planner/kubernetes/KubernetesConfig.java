package dev.ratchet.planner.kubernetes;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The planner on Kubernetes: the CodingSession controller and the Lease that elects the replica running it. */
@ConfigMapping(prefix = "ratchet.kubernetes")
public interface KubernetesConfig {

    Controller controller();

    Lease lease();

    Autoscaler autoscaler();

    /** The executor autoscaler, for clusters without KEDA: run by the Lease holder, next to the controller. */
    interface Autoscaler {

        /** Off by default; the prod overlay turns it on (prod-keda leaves it off and lets KEDA scale). */
        @WithDefault("false")
        boolean enabled();

        /** The Deployment whose scale subresource is set. */
        @WithDefault("executor-service")
        String deployment();

        /** The executors' consumer group, whose lag on ratchet.steps.requested is the backlog. */
        @WithDefault("ratchet-executors")
        String group();

        @WithDefault("1")
        int min();

        /** ratchet.steps.requested has 24 partitions: a 25th executor of the group would get none. */
        @WithDefault("24")
        int max();

        /** Steps one executor should have: ratchet.executor.concurrency (4). */
        @WithDefault("4")
        int targetStepsPerExecutor();

        /** An executor that leaves moves its partitions (a 6 s rebalance): scale down at most this often. */
        @WithDefault("5m")
        Duration scaleDownCooldown();

        @WithDefault("10s")
        Duration interval();
    }

    interface Controller {

        /** Off by default: the local cluster and every test without a Kubernetes API stay as they are. */
        @WithDefault("false")
        boolean enabled();

        /** Where the CodingSessions are watched; empty: the pod's own namespace (the client's). */
        Optional<String> namespace();

        /**
         * The team that owns the sessions CodingSessions make. Who may create a CodingSession is Kubernetes' RBAC
         * to decide; this team's {@code ratchet.teams.<team>.repo-roots} still bound which repositories they use.
         */
        @WithDefault("kubernetes")
        String team();

        /**
         * How often every CodingSession's status is compared with its session (the informer's resync). It bounds
         * the status writes too: at most one per resource per period, and only when something changed.
         */
        @WithDefault("2s")
        Duration resync();
    }

    interface Lease {

        /** The coordination.k8s.io Lease the planner replicas compete for. */
        @WithDefault("ratchet-planner")
        String name();

        /**
         * A leader that stops renewing is replaced after this long (Kubernetes' own controllers use 15 s); the
         * reaper's Redis lock, not this Lease, guards session work, so a short overlap costs nothing.
         */
        @WithDefault("15s")
        Duration duration();

        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }
}
