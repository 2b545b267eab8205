package dev.ratchet.planner.kubernetes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.ratchet.k8s.session.CodingSession;
import dev.ratchet.runtime.lifecycle.InstanceId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the CodingSession informer on the one planner replica that holds the Lease; the others wait to take over.
 * Every event and every resync queues the resource's key; one thread reconciles the latest copy of each, so a
 * resource is never reconciled twice at once and a stale copy is never acted on.
 */
@ApplicationScoped
public class CodingSessionController {

    private static final Logger LOG = Logger.getLogger(CodingSessionController.class);

    private final KubernetesConfig config;
    private final Instance<KubernetesClient> clients;
    private final CodingSessionReconciler reconciler;
    private final ExecutorAutoscaler autoscaler;
    private final String identity;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "coding-session-controller");
        thread.setDaemon(true);
        return thread;
    });
    private KubernetesClient client;
    private CompletableFuture<?> election;
    private SharedIndexInformer<CodingSession> informer;
    private volatile boolean leading;

    @Inject
    CodingSessionController(KubernetesConfig config, Instance<KubernetesClient> clients,
            CodingSessionReconciler reconciler, ExecutorAutoscaler autoscaler, InstanceId instance) {
        this(config, clients, reconciler, autoscaler, instance.value());
    }

    /** @param identity this replica's name in the Lease (the pod name, ratchet.instance-id) */
    CodingSessionController(KubernetesConfig config, Instance<KubernetesClient> clients,
            CodingSessionReconciler reconciler, ExecutorAutoscaler autoscaler, String identity) {
        this.config = config;
        this.clients = clients;
        this.reconciler = reconciler;
        this.autoscaler = autoscaler;
        this.identity = identity;
    }

    void onStart(@Observes StartupEvent started) {
        if (config.controller().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent stopping) {
        stop();
        worker.shutdownNow();
    }

    synchronized void start() {
        client = clients.get();
        String namespace = namespace();
        LOG.infof("CodingSession controller: %s competes for Lease %s/%s", identity, namespace,
                config.lease().name());
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(config.lease().name())
                .withLock(new LeaseLock(namespace, config.lease().name(), identity))
                .withLeaseDuration(config.lease().duration())
                .withRenewDeadline(config.lease().renewDeadline())
                .withRetryPeriod(config.lease().retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::lead, this::follow,
                        leader -> LOG.infof("CodingSession controller: the leader is %s", leader)))
                .build()).build().start();
    }

    /** Gives the Lease up (so another replica takes over at once) and stops reconciling. */
    synchronized void stop() {
        if (election != null) {
            election.cancel(true);
            election = null;
        }
        follow();
    }

    boolean leading() {
        return leading;
    }

    private synchronized void lead() {
        LOG.infof("CodingSession controller: %s leads; reconciling CodingSessions in %s", identity, namespace());
        leading = true;
        informer = client.resources(CodingSession.class).inNamespace(namespace())
                .inform(new Queue(), config.controller().resync().toMillis());
        if (autoscaler.enabled()) {
            autoscaler.start(client, namespace());
        }
    }

    private synchronized void follow() {
        leading = false;
        autoscaler.stop();
        if (informer != null) {
            informer.stop();
            informer = null;
        }
    }

    private String namespace() {
        return config.controller().namespace().orElseGet(client::getNamespace);
    }

    private void reconcile(String key) {
        SharedIndexInformer<CodingSession> current = informer;
        if (!leading || current == null) {
            return;
        }
        CodingSession latest = current.getStore().getByKey(key);
        if (latest == null) {
            return;
        }
        try {
            reconciler.reconcile(client, latest);
        } catch (RuntimeException e) {
            // The next resync tries again (a Redis or API outage, a conflicting write).
            LOG.warnf("CodingSession %s not reconciled yet: %s", key, e.toString());
        }
    }

    private final class Queue implements ResourceEventHandler<CodingSession> {

        @Override
        public void onAdd(CodingSession resource) {
            enqueue(resource);
        }

        @Override
        public void onUpdate(CodingSession before, CodingSession after) {
            enqueue(after);
        }

        @Override
        public void onDelete(CodingSession resource, boolean finalStateUnknown) {
            // Gone for good: its finalizer was removed after the session was cancelled.
        }

        private void enqueue(CodingSession resource) {
            String key = Cache.metaNamespaceKeyFunc(resource);
            worker.execute(() -> reconcile(key));
        }
    }
}
