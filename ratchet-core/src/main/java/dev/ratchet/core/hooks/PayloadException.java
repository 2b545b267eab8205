package dev.ratchet.core.hooks;

/** A signed delivery whose payload lacks a field its event needs, or has it in the wrong shape. */
public class PayloadException extends RuntimeException {

    private final String field;

    public PayloadException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
