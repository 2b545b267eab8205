package dev.ratchet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named measurements of a scenario; each figure is reported as min, median and max over its runs. */
public final class Figures {

    public record Summary(double min, double median, double max, String unit, int runs) {
    }

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    public void add(String name, double value, String unit) {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        units.put(name, unit);
    }

    public Map<String, Summary> summaries() {
        Map<String, Summary> out = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            List<Double> sorted = list.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            out.put(name, new Summary(sorted.get(0), median, sorted.get(n - 1), units.get(name), n));
        });
        return out;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
