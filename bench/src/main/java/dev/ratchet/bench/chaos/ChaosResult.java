package dev.ratchet.bench.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a chaos run did and found: the figures of the results file. */
public record ChaosResult(ChaosSettings settings, long seed, Instant startedAt, double durationS,
        ChaosChecker.Verdicts verdicts, Map<String, Integer> kills, Map<String, Integer> restarts, int poisonSent,
        int poisonDeadLettered, List<String> poisonMissing, Recovery.Summary recovery, List<String> faults,
        List<String> faultFailures) {

    public int totalKills() {
        return kills.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Lost or duplicated work, or poison that was not dead-lettered; never slowness. */
    public boolean failed() {
        return verdicts.lost() > 0 || verdicts.duplicated() > 0 || poisonDeadLettered < poisonSent;
    }
}
