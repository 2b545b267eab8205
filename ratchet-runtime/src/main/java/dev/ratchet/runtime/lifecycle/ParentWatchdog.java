package dev.ratchet.runtime.lifecycle;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * In the local cluster every service is a child process of the launcher. If the launcher is killed outright it
 * cannot stop its children, so each child watches the launcher's pid and exits when it is gone: no orphans.
 */
@ApplicationScoped
public class ParentWatchdog {

    private static final Logger LOG = Logger.getLogger(ParentWatchdog.class);

    @ConfigProperty(name = "ratchet.local.parent-pid")
    Optional<Long> parentPid;

    void onStart(@Observes StartupEvent event) {
        parentPid.flatMap(ProcessHandle::of).ifPresent(parent -> {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ratchet-parent-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(() -> {
                if (!parent.isAlive()) {
                    LOG.warnf("launcher process %d is gone; shutting down", parent.pid());
                    timer.shutdown();
                    Quarkus.asyncExit(0);
                }
            }, 1, 1, TimeUnit.SECONDS);
        });
    }
}
