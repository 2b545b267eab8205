package dev.ratchet.runtime.workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.workspace.Workspaces;

/**
 * Where this service instance keeps its git clones: a directory of its own under {@code ratchet.work-dir}, so two
 * instances on one machine never share a clone. Clones left by an earlier life of the instance are removed when it
 * starts, and idle ones every minute (not only when the next step comes, which may be never).
 */
@ApplicationScoped
public class WorkspacesProducer {

    private static final Logger LOG = Logger.getLogger(WorkspacesProducer.class);

    private ScheduledExecutorService timer;

    @Produces
    @ApplicationScoped
    Workspaces workspaces(@ConfigProperty(name = "ratchet.work-dir") String workDir,
            @ConfigProperty(name = "ratchet.work-dir-idle-eviction", defaultValue = "30m") Duration idleEviction,
            InstanceId instance) {
        Workspaces workspaces = new Workspaces(Path.of(workDir).resolve(instance.value()), idleEviction);
        workspaces.removeStale();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratchet-clone-eviction");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                workspaces.evictIdle();
            } catch (RuntimeException e) {
                LOG.warnf("could not remove idle clones: %s", e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
        return workspaces;
    }

    void stop(@Disposes Workspaces workspaces) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
