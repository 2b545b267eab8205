package dev.ratchet.runtime.workspace;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.workspace.Workspaces;

/**
 * Where this service instance keeps its git clones: a directory of its own under {@code ratchet.work-dir}, so two
 * instances on one machine never share a clone.
 */
@ApplicationScoped
public class WorkspacesProducer {

    @Produces
    @ApplicationScoped
    Workspaces workspaces(@ConfigProperty(name = "ratchet.work-dir") String workDir,
            @ConfigProperty(name = "ratchet.work-dir-idle-eviction", defaultValue = "30m") Duration idleEviction,
            InstanceId instance) {
        return new Workspaces(Path.of(workDir).resolve(instance.value()), idleEviction);
    }
}
