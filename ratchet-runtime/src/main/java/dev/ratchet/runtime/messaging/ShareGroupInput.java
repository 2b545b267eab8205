package dev.ratchet.runtime.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;

/**
 * A topic read as a queue through a Kafka share group (KIP-932): whichever member has a free slot takes the next
 * record, whatever partition it sits on. One thread per process polls, and only while the work pool has a free
 * thread ({@link Slots}), acquiring one record per poll ({@code share.acquire.mode=record_limit},
 * {@code max.poll.records=1}): records a member acquires are locked to it, so acquiring more than it can start would
 * make them wait behind its busy pool while another member is idle, the placement problem this input removes.
 * <p>
 * Each record goes to the handler (for an executor: {@link LeasedConsumer#accept}, which takes the work's Redis lease
 * and hands it to the pool in milliseconds) and is then acknowledged with ACCEPT and committed at once, so the
 * acquisition lock ({@code group.share.record.lock.duration.ms}, 30 s by default) covers only poll to hand-off; the
 * Redis work lease covers the long work, as with the partitions input. What the handler cannot handle goes to the
 * dead-letter topic with the headers SmallRye's dead-letter strategy writes, then is accepted, so the input goes on:
 * poison at once, any other failure after the handler's own retries ({@link Redelivery}), and a record delivered
 * {@code deliveryLimit} times (members that died or stopped holding it) before the broker would archive it
 * silently.
 */
public final class ShareGroupInput implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ShareGroupInput.class);
    /** How long one poll waits for a record; the loop polls again at once, so this only bounds a stop's wait. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long the loop waits for a free thread before it looks at whether it is stopping. */
    private static final Duration SLOT_WAIT = Duration.ofSeconds(1);
    /** Acknowledgements and dead letters are one round trip to a local broker; 10 s is a broker that is away. */
    private static final Duration BROKER_WAIT = Duration.ofSeconds(10);
    /** Closing sends the acknowledgements in hand and releases what was acquired but not handed over. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** The work pool's capacity as this input sees it. */
    public interface Slots {

        /** Waits for at most {@code atMost} until a thread is free; whether one is. */
        boolean awaitFree(Duration atMost) throws InterruptedException;
    }

    /**
     * @param bootstrapServers the broker
     * @param group the share group, e.g. {@code ratchet-executors}
     * @param deliveryLimit the delivery at which a record is dead-lettered; at most the broker's
     *        {@code group.share.delivery.count.limit} (5 by default), past which the broker drops it
     */
    public record Settings(String bootstrapServers, String group, String topic, String deadLetterTopic,
            int deliveryLimit) {
    }

    private final String name;
    private final Settings settings;
    private final Slots slots;
    private final Consumer<ConsumerRecord<String, String>> handler;
    private final KafkaShareConsumer<String, String> consumer;
    private final Producer<String, String> deadLetters;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean running;

    public ShareGroupInput(String name, Settings settings, Slots slots,
            Consumer<ConsumerRecord<String, String>> handler) {
        this.name = name;
        this.settings = settings;
        this.slots = slots;
        this.handler = handler;
        this.consumer = new KafkaShareConsumer<>(consumerConfig(settings), new StringDeserializer(),
                new StringDeserializer());
        this.deadLetters = new KafkaProducer<>(Map.of("bootstrap.servers", settings.bootstrapServers(), "acks", "all",
                "linger.ms", 0, "client.id", name + "-dlq"), new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    static Map<String, Object> consumerConfig(Settings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        config.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return config;
    }

    /** Starts this input's own thread: it sets the group up, subscribes and polls. */
    public ShareGroupInput start() {
        thread.start();
        return this;
    }

    /** Whether the poll loop runs (for readiness). */
    public boolean running() {
        return running && thread.isAlive();
    }

    public String name() {
        return name;
    }

    /**
     * Stops polling; a record acquired but not handed over yet (its handler waits on Redis) is interrupted and
     * released, so another member takes it at once instead of after the acquisition lock runs out.
     */
    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT.plus(BROKER_WAIT).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("%s: the poll loop did not stop within %s", name, CLOSE_WAIT.plus(BROKER_WAIT));
        }
        deadLetters.close(CLOSE_WAIT);
    }

    private void loop() {
        try {
            prepareGroup();
            consumer.subscribe(List.of(settings.topic()));
            running = true;
            while (!stopping) {
                if (!slots.awaitFree(SLOT_WAIT)) {
                    continue;
                }
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                        consumer.acknowledge(record, handle(record));
                    }
                    // Sent now rather than with the next poll, which waits for a free thread: minutes when the pool
                    // is busy, and the acquisition lock would run out and hand the record to somebody else.
                    commit();
                } catch (RetriableException e) {
                    // A broker away for longer than a commit's wait (a restart, a network cut): the input waits it
                    // out and polls again, as the SmallRye consumers reconnect by themselves; a record whose
                    // acknowledgement was lost is delivered again, and its work lease keeps it from running twice.
                    // Anything else (a group the broker refuses) stops the input below, and readiness says so.
                    LOG.warnf("%s: the share consumer failed (%s); polling again in %s", name, e.toString(),
                            SLOT_WAIT);
                    TimeUnit.MILLISECONDS.sleep(SLOT_WAIT.toMillis());
                }
            }
        } catch (InterruptedException | InterruptException | WakeupException e) {
            // close() asked to stop
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: the share input failed; it stops and readiness reports it", name);
        } finally {
            running = false;
            Thread.interrupted();
            try {
                consumer.close(CLOSE_WAIT);
            } catch (RuntimeException e) {
                LOG.warnf("%s: closing the share consumer: %s", name, e.toString());
            }
        }
    }

    /**
     * A share group starts at the end of each partition ({@code share.auto.offset.reset=latest}): a step request
     * written before the first executor joined would never be read. The group reads from the earliest record
     * instead, as the partitions input does. Waits for the broker (it may come up after this service).
     */
    private void prepareGroup() throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, settings.group());
        List<AlterConfigOp> ops = List.of(new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                AlterConfigOp.OpType.SET));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) BROKER_WAIT.toMillis(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) BROKER_WAIT.toMillis()))) {
            while (!stopping) {
                try {
                    dropLeftoverConsumerGroup(admin);
                    admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(BROKER_WAIT.toMillis(),
                            TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warnf("%s: cannot set up share group %s yet (%s); trying again", name, settings.group(),
                            e.getCause() == null ? e : e.getCause());
                    TimeUnit.SECONDS.sleep(1);
                }
            }
        }
    }

    /**
     * A broker that ran the partitions input has a consumer group of the same name, and refuses a share group by
     * that name for ever ("Group ratchet-executors is not a share group": the member fails and never polls a
     * record). An empty one is left from before and is deleted; one with members means executors on the partitions
     * input still run, and this input stops saying so rather than wait silently.
     */
    private void dropLeftoverConsumerGroup(Admin admin) throws InterruptedException, ExecutionException,
            TimeoutException {
        Optional<GroupListing> leftover = admin.listGroups().all().get(BROKER_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .stream().filter(g -> g.groupId().equals(settings.group()))
                .filter(g -> g.type().filter(t -> t == GroupType.SHARE).isEmpty()).findFirst();
        if (leftover.isEmpty()) {
            return;
        }
        boolean empty = leftover.get().groupState().map(st -> st == GroupState.EMPTY || st == GroupState.DEAD)
                .orElse(false);
        if (!empty) {
            throw new IllegalStateException("group " + settings.group() + " is a consumer group with members ("
                    + leftover.get() + "): executors with ratchet.executor.dispatch=partitions still run; stop them"
                    + " before executors read it as a share group");
        }
        admin.deleteConsumerGroups(List.of(settings.group())).all().get(BROKER_WAIT.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.infof("%s: deleted the empty consumer group %s left by the partitions input, so that the share group "
                + "of that name can form", name, settings.group());
    }

    private AcknowledgeType handle(ConsumerRecord<String, String> record) {
        int delivery = record.deliveryCount().map(Short::intValue).orElse(1);
        if (delivery >= settings.deliveryLimit()) {
            return deadLetter(record, "delivered " + delivery + " times without being handed over (limit "
                    + settings.deliveryLimit() + ")", null);
        }
        try {
            handler.accept(record);
            return AcknowledgeType.ACCEPT;
        } catch (PoisonEventException e) {
            return deadLetter(record, e.getMessage(), e);
        } catch (RuntimeException e) {
            if (stopping || Transient.is(e)) {
                // Redis or the broker stayed away for the handler's whole retry window, or this instance stops:
                // released rather than left to its lock, so any member (one that reaches Redis, or this one once
                // it does) takes it at once; each release counts a delivery, so a record that never gets handed
                // over ends in the dead-letter topic above rather than going round for ever.
                LOG.warnf("%s: %s@%d not handed over (%s); released for the next free member", name,
                        record.topic(), record.offset(), e.toString());
                return AcknowledgeType.RELEASE;
            }
            return deadLetter(record, e.getMessage(), e);
        }
    }

    private AcknowledgeType deadLetter(ConsumerRecord<String, String> record, String reason, Throwable failure) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(settings.deadLetterTopic(), null, record.key(),
                record.value());
        for (Header h : record.headers()) {
            dead.headers().add(h);
        }
        // The headers SmallRye's dead-letter-queue failure strategy writes, so one replay tool reads both inputs.
        header(dead, "dead-letter-reason", reason == null ? "unknown" : reason);
        if (failure != null) {
            header(dead, "dead-letter-exception-class-name", failure.getClass().getName());
            if (failure.getCause() != null) {
                header(dead, "dead-letter-cause", String.valueOf(failure.getCause().getMessage()));
                header(dead, "dead-letter-cause-class-name", failure.getCause().getClass().getName());
            }
        }
        header(dead, "dead-letter-topic", record.topic());
        header(dead, "dead-letter-partition", Integer.toString(record.partition()));
        header(dead, "dead-letter-offset", Long.toString(record.offset()));
        try {
            deadLetters.send(dead).get(BROKER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.warnf("%s: %s@%d-%d dead-lettered: %s", name, record.topic(), record.partition(), record.offset(),
                    reason);
            return AcknowledgeType.ACCEPT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AcknowledgeType.RELEASE;
        } catch (Exception e) {
            LOG.warnf("%s: could not dead-letter %s@%d (%s); released", name, record.topic(), record.offset(),
                    e.toString());
            return AcknowledgeType.RELEASE;
        }
    }

    private void commit() {
        Map<TopicIdPartition, Optional<KafkaException>> results = consumer.commitSync(BROKER_WAIT);
        results.forEach((partition, failure) -> failure.ifPresent(e -> LOG.warnf(
                "%s: acknowledging on %s failed (%s); the record is delivered again, and the work lease keeps it"
                        + " from running twice", name, partition, e.toString())));
    }

    private static void header(ProducerRecord<String, String> record, String key, String value) {
        record.headers().remove(key);
        record.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
