package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The offset a partition may commit: never past a record that was received and not yet acknowledged. */
class PartitionOffsetsTest {

    @Test
    void nothingIsCommittedBeforeTheLowestReceivedRecordIsAcknowledged() {
        PartitionOffsets p = new PartitionOffsets(10);
        p.received(10, 0);
        p.received(11, 0);
        p.received(12, 0);

        p.acknowledged(11);
        p.acknowledged(12);

        assertThat(p.toCommit()).as("10 still unacknowledged: a crash must deliver it again").isEqualTo(-1);
        p.acknowledged(10);
        assertThat(p.toCommit()).isEqualTo(13);
    }

    @Test
    void theOffsetMovesPastTheLongestAcknowledgedRunOnly() {
        PartitionOffsets p = new PartitionOffsets(-1);
        for (long o = 0; o < 5; o++) {
            p.received(o, 0);
        }
        p.acknowledged(0);
        p.acknowledged(1);
        p.acknowledged(3);

        assertThat(p.toCommit()).isEqualTo(2);
        assertThat(p.unacknowledged()).as("2 and 4").isEqualTo(2);
    }

    @Test
    void gapsInTheOffsetsDoNotHoldTheCommitBack() {
        PartitionOffsets p = new PartitionOffsets(5);
        p.received(5, 0);
        p.received(7, 0); // 6 is a transaction marker or was compacted away: never delivered

        p.acknowledged(5);
        p.acknowledged(7);

        assertThat(p.toCommit()).isEqualTo(8);
    }

    @Test
    void anOffsetIsSentAgainUntilTheBrokerTookIt() {
        PartitionOffsets p = new PartitionOffsets(0);
        p.received(0, 0);
        p.acknowledged(0);

        assertThat(p.toCommit()).isEqualTo(1);
        assertThat(p.toCommit()).as("the first commit failed, or has not answered yet").isEqualTo(1);
        p.committed(1);
        assertThat(p.toCommit()).as("nothing moved since").isEqualTo(-1);
    }

    @Test
    void aRecordBelowTheCommittedOffsetIsNotTracked() {
        PartitionOffsets p = new PartitionOffsets(20);

        assertThat(p.received(19, 0)).isFalse();
        p.acknowledged(19);

        assertThat(p.unacknowledged()).isZero();
        assertThat(p.toCommit()).isEqualTo(-1);
    }

    @Test
    void theFinalCommitRepeatsTheLastOffsetAndIsNothingWhenNothingWasAcknowledged() {
        PartitionOffsets idle = new PartitionOffsets(30);
        idle.received(30, 0);
        assertThat(idle.finalCommit()).as("only an unacknowledged record since assignment").isEqualTo(-1);

        PartitionOffsets busy = new PartitionOffsets(30);
        busy.received(30, 0);
        busy.acknowledged(30);
        busy.committed(busy.toCommit());
        assertThat(busy.finalCommit()).as("sent again when the partition goes: cheap, and surely taken")
                .isEqualTo(31);
    }

    @Test
    void theOldestUnacknowledgedRecordsWaitIsReported() {
        PartitionOffsets p = new PartitionOffsets(0);
        p.received(0, 1_000);
        p.received(1, 4_000);

        assertThat(p.oldestWaitMillis(5_000)).isEqualTo(4_000);
        p.acknowledged(0);
        assertThat(p.oldestWaitMillis(5_000)).isEqualTo(1_000);
        p.acknowledged(1);
        assertThat(p.oldestWaitMillis(5_000)).as("acknowledged, even before the commit moves").isZero();
    }
}
