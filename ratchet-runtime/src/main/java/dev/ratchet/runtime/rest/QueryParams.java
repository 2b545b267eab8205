package dev.ratchet.runtime.rest;

/**
 * Query parameters taken as text and parsed here: JAX-RS answers a value it cannot convert (e.g. {@code limit=abc}
 * for an {@code int}) with a bare 404, where the client deserves a 400 that names the parameter.
 */
public final class QueryParams {

    /** How much of a bad value an error repeats back. */
    private static final int ECHO_CHARS = 40;

    private QueryParams() {
    }

    /**
     * @return {@code defaultValue} when the parameter is absent, else its value
     * @throws ProblemException (400) naming {@code name} when the value is not an integer in {@code min..max}
     */
    public static int intParam(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like a value out of range
        }
        throw ProblemException.invalidParameter(name, "must be an integer from " + min + " to " + max + ", not '"
                + echo(raw) + "'");
    }

    /** The start of a client's value, for an error message. */
    public static String echo(String raw) {
        return raw.length() <= ECHO_CHARS ? raw : raw.substring(0, ECHO_CHARS) + "...";
    }
}
