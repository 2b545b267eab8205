package dev.ratchet.bench;

import java.util.Map;

/** One scenario's outcome: its settings and its figures. */
public record ScenarioResult(String scenario, String title, Map<String, Object> settings, Figures figures) {
}
