package dev.ratchet.runtime.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.Topics;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates every Ratchet topic with its partition count before the messaging connectors start (this observer runs
 * ahead of them), so no consumer subscribes to a topic that does not exist yet and no broker default decides the
 * partitioning. Creating a topic that exists is a no-op, so every service can do it.
 */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    private final String bootstrapServers;
    private final TopicsConfig config;

    TopicBootstrap(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, TopicsConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!config.create()) {
            return;
        }
        Duration timeout = config.createTimeout();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000)))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = Topics.all().stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), config.replicationFactor())).toList();
            if (!missing.isEmpty()) {
                createIgnoringRaces(admin, missing, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Kafka may come up after this service (e.g. in Kubernetes); consumers retry, readiness reports it.
            LOG.warnf("could not create the Ratchet topics on %s: %s", bootstrapServers, e.getMessage());
        }
    }

    private static void createIgnoringRaces(Admin admin, List<NewTopic> topics, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("created topic %s", name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + name, e);
            }
        });
    }
}
