package dev.ratchet.k8s;

import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;

/** Whether a label selector picks a set of labels: matchLabels and the In/NotIn/Exists/DoesNotExist expressions. */
final class Selectors {

    private Selectors() {
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (selector.getMatchExpressions() == null) {
            return true;
        }
        return selector.getMatchExpressions().stream().allMatch(e -> switch (e.getOperator()) {
            case "In" -> e.getValues().contains(labels.get(e.getKey()));
            case "NotIn" -> !e.getValues().contains(labels.get(e.getKey()));
            case "Exists" -> labels.containsKey(e.getKey());
            case "DoesNotExist" -> !labels.containsKey(e.getKey());
            default -> throw new IllegalArgumentException("selector operator " + e.getOperator());
        });
    }
}
