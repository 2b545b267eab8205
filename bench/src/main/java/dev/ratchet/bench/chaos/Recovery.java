package dev.ratchet.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.ratchet.bench.Figures;

/**
 * How long each kill held its sessions up: from the kill to the killed service's sessions moving again.
 * <ul>
 * <li>An executor or the verifier: for each session whose work it held, the first progress entry after the kill
 * (necessarily written by another process: the killed one is gone); the kill's sample is the slowest of them.</li>
 * <li>The planner: the first planner-written entry of any session unfinished at the kill.</li>
 * </ul>
 * A kill that hit no session gives no sample; one whose sessions never moved again is counted as unrecovered.
 */
public final class Recovery {

    /**
     * @param seconds from the kill to the sessions moving again; empty when they never did
     * @param sessions how many sessions the kill hit
     */
    public record Sample(String service, long killedAtMs, Optional<Double> seconds, int sessions) {
    }

    /** p50 and max over the recovered samples (NaN when there are none). */
    public record Summary(double p50, double max, int unrecovered, List<Sample> samples) {
    }

    private Recovery() {
    }

    public static List<Sample> samples(List<Kill> kills, Map<String, List<ProgressEntry>> progress) {
        List<Sample> samples = new ArrayList<>();
        for (Kill kill : kills) {
            if (kill.affected().isEmpty()) {
                continue;
            }
            OptionalLong moved = kill.planner() ? firstPlannerEntry(kill, progress) : allMoved(kill, progress);
            Optional<Double> seconds = moved.isPresent() ? Optional.of((moved.getAsLong() - kill.atMs()) / 1000.0)
                    : Optional.empty();
            samples.add(new Sample(kill.service(), kill.atMs(), seconds, kill.affected().size()));
        }
        return samples;
    }

    public static Summary summarize(List<Sample> samples) {
        Figures figures = new Figures();
        samples.forEach(s -> s.seconds().ifPresent(v -> figures.add("recovery", v, "s")));
        Figures.Summary f = figures.summaries().get("recovery");
        int unrecovered = (int) samples.stream().filter(s -> s.seconds().isEmpty()).count();
        return new Summary(f == null ? Double.NaN : f.median(), f == null ? Double.NaN : f.max(), unrecovered,
                List.copyOf(samples));
    }

    private static OptionalLong firstPlannerEntry(Kill kill, Map<String, List<ProgressEntry>> progress) {
        return kill.affected().stream().flatMap(id -> progress.getOrDefault(id, List.of()).stream())
                .filter(e -> e.writer() == ProgressEntry.Writer.PLANNER && e.atMs() > kill.atMs())
                .mapToLong(ProgressEntry::atMs).min();
    }

    private static OptionalLong allMoved(Kill kill, Map<String, List<ProgressEntry>> progress) {
        long last = kill.atMs();
        for (String id : kill.affected()) {
            OptionalLong next = progress.getOrDefault(id, List.of()).stream().mapToLong(ProgressEntry::atMs)
                    .filter(at -> at > kill.atMs()).min();
            if (next.isEmpty()) {
                return OptionalLong.empty();
            }
            last = Math.max(last, next.getAsLong());
        }
        return OptionalLong.of(last);
    }
}
