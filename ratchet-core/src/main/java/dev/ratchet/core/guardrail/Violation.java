package dev.ratchet.core.guardrail;

/**
 * One broken guardrail: the rule, the path it is about (null for a rule about the whole step) and a message a person
 * and a model can act on.
 */
public record Violation(Rule rule, String path, String message) {

    @Override
    public String toString() {
        return "[" + rule.id() + "] " + message;
    }
}
