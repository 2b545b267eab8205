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

    interface Controller {

        /** Off by default: the local cluster and every test without a Kubernetes API stay as they are. */
        @WithDefault("false")
        boolean enabled();

        /** Where the CodingSessions are watched; empty: the pod's own namespace (the client's). */
        Optional<String> namespace();

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
