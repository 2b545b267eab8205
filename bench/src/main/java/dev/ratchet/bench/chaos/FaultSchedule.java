package dev.ratchet.bench.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import dev.ratchet.core.event.Topics;

/**
 * What the chaos run does and when, drawn from one seeded {@link Random}: the same seed and settings give the same
 * schedule. The window after a lead of 10 % is cut into one slot per kill or restart, in a shuffled order; each lands
 * in the first half of its slot, and a killed service is started again after a pause of 0.5 to 3 s, so it is back
 * (a start takes 2-10 s) before the next slot. The waves of sessions are spread over the slots, each submitted at
 * the start of its slot (the first at once), so that every fault finds sessions in flight even when starts run late
 * on a busy machine (the run carries the schedule out in order, so a late fault delays the waves after it too).
 * Poison records go out at random moments between 10 % and 90 % of the window.
 */
public final class FaultSchedule {

    /** The services killed, as LocalCluster names them: every role, both executors. */
    public static final List<String> KILLED = List.of("planner-service", "executor-1", "executor-2",
            "verifier-service");
    /** Restarted once each, gracefully. */
    public static final List<String> RESTARTED = List.of("redis", "kafka");
    /** Every topic a service consumes. */
    public static final List<String> INPUT_TOPICS = List.of(Topics.STEPS_REQUESTED, Topics.STEPS_EXECUTED,
            Topics.STEPS_VERDICTS, Topics.SESSIONS_EVENTS);
    /** Sessions get going first: no fault in the first 10 % of the window. */
    private static final double LEAD = 0.1;
    private static final long MIN_PAUSE_MS = 500;
    private static final int PAUSE_SPREAD_MS = 2500;

    private FaultSchedule() {
    }

    public static List<Fault> plan(long seed, ChaosSettings settings) {
        Random random = new Random(seed);
        List<String> slots = new ArrayList<>();
        for (String service : KILLED) {
            for (int i = 0; i < settings.killsPerService(); i++) {
                slots.add(service);
            }
        }
        slots.addAll(RESTARTED);
        Collections.shuffle(slots, random);
        long window = settings.window().toMillis();
        long first = Math.round(window * LEAD);
        double slot = (window - first) / (double) slots.size();
        List<Fault> faults = new ArrayList<>();
        for (int wave = 0; wave < settings.waves(); wave++) {
            long slotStart = first + Math.round(slot * Math.floor((double) wave * slots.size() / settings.waves()));
            faults.add(Fault.submit(wave == 0 ? 0 : slotStart, wave));
        }
        for (int i = 0; i < slots.size(); i++) {
            String target = slots.get(i);
            long at = first + Math.round(slot * (i + random.nextDouble() / 2));
            if (RESTARTED.contains(target)) {
                faults.add(Fault.restart(at, target));
            } else {
                faults.add(Fault.kill(at, target));
                faults.add(Fault.start(at + MIN_PAUSE_MS + random.nextInt(PAUSE_SPREAD_MS), target));
            }
        }
        for (String topic : INPUT_TOPICS) {
            for (PoisonRecords.Kind kind : PoisonRecords.Kind.values()) {
                faults.add(Fault.poison(first + Math.round(random.nextDouble() * window * (1 - 2 * LEAD)), topic,
                        kind));
            }
        }
        faults.sort(Comparator.comparingLong(Fault::atMs));
        return List.copyOf(faults);
    }
}
