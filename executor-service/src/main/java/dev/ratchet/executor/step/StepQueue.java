package dev.ratchet.executor.step;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.messaging.ShareGroupInput;
import dev.ratchet.runtime.work.OwnedWork;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The executors' input with {@code ratchet.executor.dispatch=share-group}: the {@code ratchet-executors} share group
 * on {@code ratchet.steps.requested}, polled only while this executor's pool has a free slot, each request handed to
 * {@link StepConsumer} as the partitions input hands it. Closed on shutdown, which releases a request acquired but
 * not handed over yet.
 */
@ApplicationScoped
public class StepQueue {

    static final String GROUP = "ratchet-executors";

    private final ExecutorConfig config;
    private final StepConsumer consumer;
    private final OwnedWork work;
    private final String bootstrapServers;
    private volatile ShareGroupInput input;

    StepQueue(ExecutorConfig config, StepConsumer consumer, OwnedWork work,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.consumer = consumer;
        this.work = work;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (config.dispatch() == ExecutorConfig.Dispatch.SHARE_GROUP) {
            input = new ShareGroupInput("executor-steps-queue", new ShareGroupInput.Settings(bootstrapServers, GROUP,
                    Topics.STEPS_REQUESTED, Topics.deadLetter(Topics.STEPS_REQUESTED), config.shareDeliveryLimit()),
                    work::awaitFree, consumer::consume).start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        ShareGroupInput running = input;
        if (running != null) {
            running.close();
        }
    }

    /** The share-group input, when this executor reads its requests through one. */
    public Optional<ShareGroupInput> input() {
        return Optional.ofNullable(input);
    }
}
