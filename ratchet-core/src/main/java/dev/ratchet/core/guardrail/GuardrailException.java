package dev.ratchet.core.guardrail;

import java.util.List;
import java.util.stream.Collectors;

/** A change set that breaks guardrails; nothing was written. The message is meant for the model as a tool result. */
public class GuardrailException extends RuntimeException {

    private final List<Violation> violations;

    public GuardrailException(List<Violation> violations) {
        super("the patch breaks " + violations.size() + (violations.size() == 1 ? " guardrail" : " guardrails")
                + "; nothing was written:\n" + violations.stream().map(v -> "- " + v).collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
