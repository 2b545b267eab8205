package dev.ratchet.core.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a plan waits for a person: {@code manual} stops after planning ({@link SessionStatus#AWAITING_APPROVAL})
 * until the plan is approved, {@code auto} (the default) runs it straight away.
 */
public enum Approval {
    AUTO, MANUAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static Approval parse(String value) {
        for (Approval a : values()) {
            if (a.json().equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("must be \"auto\" or \"manual\"");
    }
}
