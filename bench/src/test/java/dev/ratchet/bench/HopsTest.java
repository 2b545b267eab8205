package dev.ratchet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;

class HopsTest {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void hopsAreMeasuredFromRecordTimestampsToWhenTheConsumerStarted() {
        StepWork work = new StepWork(0, 0, 2, "t", "i", "g");
        StepRequested s1 = StepRequested.of("S", "s1", 1, 0, T0, new StepRequested.Payload(work, List.of(), 8000));
        Execution execution = new Execution("e", "m", T0, T0.plusMillis(4).plusNanos(500_000), T0.plusMillis(50),
                Usage.NONE);
        StepExecuted executed = StepExecuted.of(s1, T0.plusMillis(50), new StepExecuted.Payload(work, BlobRef.of("S", "p"),
                PatchStats.EMPTY, execution, null));
        StepVerified verified = StepVerified.of(executed, T0.plusMillis(80), new StepVerified.Payload(BlobRef.of("S", "p"),
                PatchStats.EMPTY, List.of(), execution, new Verification("v", T0.plusMillis(57), T0.plusMillis(80))));
        StepRequested s2 = StepRequested.of("S", "s2", 1, 0, T0.plusMillis(83), new StepRequested.Payload(work,
                List.of(), 8000));
        List<TopicTap.Tapped> tapped = List.of(new TopicTap.Tapped(s1, ms(0)), new TopicTap.Tapped(executed, ms(51)),
                new TopicTap.Tapped(verified, ms(81)), new TopicTap.Tapped(s2, ms(90)));

        Map<String, Histogram> hops = Hops.measure(tapped, Set.of("S"));

        assertThat(hops.get(Hops.REQUESTED_TO_EXECUTOR).getMaxValue()).isBetween(4490L, 4510L);
        assertThat(hops.get(Hops.EXECUTED_TO_VERIFIER).getMaxValue()).isBetween(5990L, 6010L);
        assertThat(hops.get(Hops.VERDICT_TO_NEXT_REQUEST).getMaxValue()).isBetween(8990L, 9010L);
        assertThat(Hops.measure(tapped, Set.of("other")).get(Hops.REQUESTED_TO_EXECUTOR).getTotalCount()).isZero();
    }

    private static long ms(long offset) {
        return T0.toEpochMilli() + offset;
    }
}
