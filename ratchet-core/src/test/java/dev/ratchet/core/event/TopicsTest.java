package dev.ratchet.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Topics.TopicSpec;

class TopicsTest {

    private static final List<String> MAIN = List.of(Topics.STEPS_REQUESTED, Topics.STEPS_EXECUTED,
            Topics.STEPS_VERDICTS, Topics.SESSIONS_EVENTS, Topics.CI_EVENTS);

    @Test
    void allHoldsEveryMainTopicAndItsDeadLetterTopic() {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

        assertThat(names).hasSize(10).doesNotHaveDuplicates();
        for (String topic : MAIN) {
            assertThat(names).contains(topic, topic + ".dlq");
        }
    }

    @Test
    void partitionCounts() {
        assertThat(Topics.all()).contains(new TopicSpec("ratchet.steps.requested", 24),
                new TopicSpec("ratchet.steps.executed", 12), new TopicSpec("ratchet.steps.verdicts", 12),
                new TopicSpec("ratchet.sessions.events", 6), new TopicSpec("ratchet.ci.events", 3));
        assertThat(Topics.all()).filteredOn(t -> t.name().endsWith(Topics.DLQ_SUFFIX))
                .hasSize(5).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(1));
    }

    @Test
    void partitionsOfEachTopic() {
        assertThat(Topics.partitions("ratchet.steps.requested")).isEqualTo(24);
        assertThat(Topics.partitions("ratchet.steps.executed")).isEqualTo(12);
        assertThat(Topics.partitions("ratchet.steps.verdicts")).isEqualTo(12);
        assertThat(Topics.partitions("ratchet.sessions.events")).isEqualTo(6);
        assertThat(Topics.partitions("ratchet.steps.requested.dlq")).isEqualTo(1);
        assertThatThrownBy(() -> Topics.partitions("ratchet.steps"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Ratchet topic: ratchet.steps");
    }

    @Test
    void deadLetterName() {
        assertThat(Topics.deadLetter(Topics.STEPS_VERDICTS)).isEqualTo("ratchet.steps.verdicts.dlq");
    }

    @Test
    void everyEventTypesTopicIsCreated() {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

        for (EventType type : EventType.values()) {
            assertThat(names).contains(type.topic(), Topics.deadLetter(type.topic()));
        }
    }
}
