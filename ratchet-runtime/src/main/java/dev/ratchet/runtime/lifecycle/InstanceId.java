package dev.ratchet.runtime.lifecycle;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Names this process in events and logs: {@code ratchet.instance-id} when set (the local launcher sets
 * {@code executor-2}), else the pod name in Kubernetes ({@code HOSTNAME}), else service name and pid.
 */
@ApplicationScoped
public class InstanceId {

    private final String value;

    InstanceId(@ConfigProperty(name = "ratchet.instance-id") Optional<String> configured,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.value = configured.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()))
                .orElse(service + "-" + ProcessHandle.current().pid())
                .replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public String value() {
        return value;
    }
}
