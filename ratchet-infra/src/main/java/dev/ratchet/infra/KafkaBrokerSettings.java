package dev.ratchet.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Broker settings for a single-node KRaft broker, shared by the in-process and the child-process broker. */
public final class KafkaBrokerSettings {

    private KafkaBrokerSettings() {
    }

    /**
     * Replication of internal topics is 1 (there is one node); topics are never auto-created, so a missing topic is
     * a visible error instead of a silently single-partition topic; consumer groups start without the initial delay.
     */
    public static Map<String, String> singleNode() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "8");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        // The share-group state topic defaults to 3 replicas and min.isr 2: on one node it could never be created.
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions by default, as many as __consumer_offsets; one share group needs few (8, as offsets above).
        settings.put("share.coordinator.state.topic.num.partitions", "8");
        settings.put("group.share.assignors", EveryMemberAssignor.class.getName());
        return settings;
    }

    /** A complete server.properties for a combined broker+controller node on loopback. */
    public static Map<String, String> serverProperties(int port, int controllerPort, Path logDir) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.putAll(singleNode());
        return props;
    }
}
