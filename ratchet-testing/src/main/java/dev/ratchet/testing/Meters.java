package dev.ratchet.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples read from a Prometheus text scrape ({@code /q/metrics}), as a monitoring system would read them: by
 * metric name and labels.
 */
public final class Meters {

    /**
     * A sample line: name, labels (quoted values may hold any character), value; an OpenMetrics exemplar after it
     * ({@code # {trace_id="..."} 1.0}, written once spans are recorded) is not part of the sample.
     */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: a series' name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private Meters() {
    }

    /** Every sample of the scrape (comment lines skipped). */
    public static List<Sample> samples(String scrape) {
        return scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(Meters::sample).toList();
    }

    /** The samples named {@code name} whose labels include {@code labels}. */
    public static List<Sample> find(String scrape, String name, Map<String, String> labels) {
        return samples(scrape).stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The value of the one series named {@code name} with {@code labels}, or 0 when there is none yet. */
    public static double value(String scrape, String name, Map<String, String> labels) {
        List<Sample> found = find(scrape, name, labels);
        if (found.size() > 1) {
            throw new IllegalArgumentException(found.size() + " series of " + name + " match " + labels + ": "
                    + found);
        }
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    private static Sample sample(String line) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("not a Prometheus sample: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(2) != null) {
            Matcher label = LABEL.matcher(m.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return new Sample(m.group(1), labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity")));
    }
}
