package dev.ratchet.planner.cluster;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/cluster} answers: each service's state and where it was read from, the steps executors and
 * verifiers hold leases on now, each consumer group's members and backlog, each dead-letter topic's records, and
 * what could not be read (a part that failed leaves the others standing).
 */
public record ClusterView(Instant at, List<Service> services, List<InFlight> inFlight, List<Group> groups,
        List<DeadLetters> deadLetters, List<String> errors) {

    /** {@code status}: UP, DOWN or UNKNOWN; {@code source} says what it was judged by. */
    public record Service(String name, String status, String source, String detail) {
    }

    /** A piece of work held now: a step's variant, by whom (the lease owner, the instance's name). */
    public record InFlight(String role, String owner, String sessionId, String stepId, int attempt, int variant,
            long leaseLeftMs) {
    }

    /** A consumer group: its state, how many consumers are in it, and the records it has not taken yet. */
    public record Group(String group, String service, String topic, String state, int members, long lag) {
    }

    /** Records on a dead-letter topic (end offsets less start offsets: what is still kept). */
    public record DeadLetters(String topic, long records) {
    }
}
