package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class ReplayLogTest {

    @Test
    void nothingCommittedMeansNothingReplayed() {
        ReplayLog log = ReplayLog.of(null);

        assertThat(log.replayed(0)).isFalse();
        assertThat(log.watermark()).isZero();
    }

    @Test
    void replayingEverythingMovesTheWatermarkToTheEndWithNoList() {
        ReplayLog log = ReplayLog.empty().with(List.of(0L, 1L, 2L), List.of(0L, 1L, 2L), 3);

        assertThat(log.toCommit()).isEqualTo(new OffsetAndMetadata(3, ""));
        assertThat(ReplayLog.of(log.toCommit()).replayed(2)).isTrue();
    }

    @Test
    void replayedRecordsAboveAnUnreplayedOneAreListedAsRanges() {
        List<Long> existing = List.of(0L, 1L, 2L, 3L, 4L, 5L, 7L);

        ReplayLog log = ReplayLog.empty().with(List.of(0L, 2L, 3L, 4L, 7L), existing, 8);

        assertThat(log.watermark()).as("offset 1 is the first unreplayed record").isEqualTo(1);
        assertThat(log.metadata()).isEqualTo("replayed-above:2-4,7");
        ReplayLog read = ReplayLog.of(log.toCommit());
        assertThat(LongStream.range(0, 8).filter(read::replayed).boxed().toList()).containsExactly(0L, 2L, 3L, 4L,
                7L);
    }

    @Test
    void laterReplaysFillTheGapsAndTheWatermarkCatchesUp() {
        ReplayLog first = ReplayLog.empty().with(List.of(1L, 3L), List.of(0L, 1L, 2L, 3L), 4);
        assertThat(first.watermark()).isZero();
        assertThat(first.metadata()).isEqualTo("replayed-above:1,3");

        ReplayLog second = ReplayLog.of(first.toCommit()).with(List.of(0L), List.of(0L, 1L, 2L, 3L), 4);
        assertThat(second.watermark()).isEqualTo(2);
        assertThat(second.metadata()).isEqualTo("replayed-above:3");

        ReplayLog third = ReplayLog.of(second.toCommit()).with(List.of(2L), List.of(2L, 3L), 4);
        assertThat(third.toCommit()).isEqualTo(new OffsetAndMetadata(4, ""));
    }

    @Test
    void recordsRemovedByRetentionDoNotHoldTheWatermarkBack() {
        ReplayLog log = ReplayLog.empty().with(List.of(10L), List.of(10L, 11L), 12);

        assertThat(log.watermark()).as("offsets 0-9 are gone; 11 is the first unreplayed").isEqualTo(11);
    }

    @Test
    void metadataThatIsNotAReplayLogIsRefusedNotGuessed() {
        assertThatThrownBy(() -> ReplayLog.of(new OffsetAndMetadata(3, "replayed-above:9-x")))
                .hasMessageContaining("not a replay log");
        assertThatThrownBy(() -> ReplayLog.of(new OffsetAndMetadata(3, "someone else's metadata")))
                .hasMessageContaining("not a replay log");
    }
}
