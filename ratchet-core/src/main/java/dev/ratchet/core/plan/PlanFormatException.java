package dev.ratchet.core.plan;

/** The planner model's answer is not a usable plan; the session fails with this message. */
public class PlanFormatException extends RuntimeException {

    public PlanFormatException(String message) {
        super(message);
    }
}
