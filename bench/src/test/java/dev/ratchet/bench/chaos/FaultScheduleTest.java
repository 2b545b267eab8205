package dev.ratchet.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Topics;

class FaultScheduleTest {

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnotherOne() {
        ChaosSettings full = ChaosSettings.fullRun();

        assertThat(FaultSchedule.plan(42, full)).isEqualTo(FaultSchedule.plan(42, full));
        assertThat(FaultSchedule.plan(42, full)).isNotEqualTo(FaultSchedule.plan(43, full));
    }

    @Test
    void aFullRunKillsEveryServiceFourTimesRestartsRedisAndTheBrokerOnceAndPoisonsEveryInputTopic() {
        List<Fault> faults = FaultSchedule.plan(7, ChaosSettings.fullRun());

        assertThat(count(faults, Fault.Action.KILL)).isEqualTo(Map.of("planner-service", 4L, "executor-1", 4L,
                "executor-2", 4L, "verifier-service", 4L));
        assertThat(count(faults, Fault.Action.START)).isEqualTo(count(faults, Fault.Action.KILL));
        assertThat(count(faults, Fault.Action.RESTART)).isEqualTo(Map.of("redis", 1L, "kafka", 1L));
        assertThat(faults.stream().filter(f -> f.action() == Fault.Action.POISON)
                .collect(Collectors.groupingBy(Fault::target, Collectors.mapping(Fault::poison, Collectors.toSet()))))
                .isEqualTo(Map.of(Topics.STEPS_REQUESTED, all(), Topics.STEPS_EXECUTED, all(), Topics.STEPS_VERDICTS,
                        all(), Topics.SESSIONS_EVENTS, all()));
    }

    @Test
    void aQuickRunKillsEveryServiceOnce() {
        List<Fault> faults = FaultSchedule.plan(7, ChaosSettings.quickRun());

        assertThat(count(faults, Fault.Action.KILL)).isEqualTo(Map.of("planner-service", 1L, "executor-1", 1L,
                "executor-2", 1L, "verifier-service", 1L));
        assertThat(count(faults, Fault.Action.RESTART)).isEqualTo(Map.of("redis", 1L, "kafka", 1L));
        assertThat(faults).filteredOn(f -> f.action() == Fault.Action.POISON).hasSize(12);
    }

    @Test
    void faultsLandInTheWindowAfterTheLeadInOrderAndEveryKilledServiceIsStartedBeforeTheNextKillOrRestart() {
        for (long seed = 0; seed < 50; seed++) {
            ChaosSettings settings = seed % 2 == 0 ? ChaosSettings.fullRun() : ChaosSettings.quickRun();
            long window = settings.window().toMillis();
            List<Fault> faults = FaultSchedule.plan(seed, settings);
            List<Fault> slotted = faults.stream().filter(f -> f.action() != Fault.Action.POISON
                    && f.action() != Fault.Action.SUBMIT).toList();

            assertThat(faults).isSortedAccordingTo((a, b) -> Long.compare(a.atMs(), b.atMs()));
            assertThat(faults).filteredOn(f -> f.action() != Fault.Action.SUBMIT)
                    .allSatisfy(f -> assertThat(f.atMs()).isBetween(window / 10, window));
            for (int i = 0; i < slotted.size(); i++) {
                Fault f = slotted.get(i);
                if (f.action() == Fault.Action.KILL) {
                    Fault next = slotted.get(i + 1);
                    assertThat(next.action()).as("seed %d: after %s", seed, f).isEqualTo(Fault.Action.START);
                    assertThat(next.target()).isEqualTo(f.target());
                    assertThat(next.atMs() - f.atMs()).isBetween(500L, 3000L);
                }
            }
        }
    }

    @Test
    void wavesOfSessionsAreSpreadOverTheSlotsTheFirstAtOnceEachBeforeItsSlotsFault() {
        ChaosSettings full = ChaosSettings.fullRun();
        List<Fault> faults = FaultSchedule.plan(3, full);
        List<Fault> waves = faults.stream().filter(f -> f.action() == Fault.Action.SUBMIT).toList();

        assertThat(waves).extracting(Fault::wave).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(waves.get(0).atMs()).isZero();
        assertThat(waves.get(9).atMs()).as("the start of slot 16 of 18 (30 s lead, 15 s slots)").isEqualTo(270_000);
        for (Fault wave : waves.subList(1, waves.size())) {
            Fault next = faults.get(faults.indexOf(wave) + 1);
            assertThat(next.action()).isIn(Fault.Action.KILL, Fault.Action.RESTART, Fault.Action.POISON);
        }
    }

    @Test
    void fewerSessionsThanWavesMakeOneWavePerSessionAndWavesSplitTheSessionsEvenly() {
        ChaosSettings three = ChaosSettings.fullRun().withSessions(3);
        ChaosSettings odd = ChaosSettings.quickRun().withSessions(7);

        assertThat(three.waves()).isEqualTo(3);
        assertThat(List.of(odd.sessionsInWave(0), odd.sessionsInWave(1), odd.sessionsInWave(2)))
                .containsExactly(3, 2, 2);
    }

    private static Map<String, Long> count(List<Fault> faults, Fault.Action action) {
        return faults.stream().filter(f -> f.action() == action)
                .collect(Collectors.groupingBy(Fault::target, Collectors.counting()));
    }

    private static Set<PoisonRecords.Kind> all() {
        return Arrays.stream(PoisonRecords.Kind.values()).collect(Collectors.toSet());
    }
}
