package dev.ratchet.infra;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.GroupSpec;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.ShareGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;

/**
 * The broker's share-group assignor for Ratchet (broker setting {@code group.share.assignors}): every member of a
 * share group gets every assignable partition of the topics it subscribes to, so any idle executor can take the
 * next step request whatever partition it was written to.
 * <p>
 * Kafka 4.2's built-in {@code SimpleAssignor} shares a partition between members only when the group has more
 * members than partitions ({@code ceil(members / partitions)} members per partition): 4 executors on the 24
 * partitions of {@code ratchet.steps.requested} get 6 partitions each, and a request on a busy executor's
 * partitions waits for it while another is idle, the placement cost docs/BENCHMARKS.md section 1 measures. With
 * every member on every partition the broker hands a record to whichever member fetches first; the executors fetch
 * only when they have a free slot.
 */
public final class EveryMemberAssignor implements ShareGroupPartitionAssignor {

    public static final String NAME = "ratchet-every-member";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(GroupSpec group, SubscribedTopicDescriber topics) {
        Map<String, MemberAssignment> members = new HashMap<>();
        for (String member : group.memberIds()) {
            Map<Uuid, Set<Integer>> partitions = new HashMap<>();
            for (Uuid topic : group.memberSubscription(member).subscribedTopicIds()) {
                int count = topics.numPartitions(topic);
                Set<Integer> assignable = new HashSet<>();
                // A share partition is assignable once the broker initialised its state; -1: the topic is gone.
                for (int p = 0; p < count; p++) {
                    if (group.isPartitionAssignable(topic, p)) {
                        assignable.add(p);
                    }
                }
                if (!assignable.isEmpty()) {
                    partitions.put(topic, assignable);
                }
            }
            members.put(member, () -> partitions);
        }
        return new GroupAssignment(members);
    }
}
