package dev.ratchet.core.event;

/** Model usage of one call: tokens in and out, time spent in the model, and its decode speed. */
public record Usage(int tokensIn, int tokensOut, long modelMs, double tokensPerSecond) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage plus(Usage other) {
        long ms = modelMs + other.modelMs;
        int out = tokensOut + other.tokensOut;
        return new Usage(tokensIn + other.tokensIn, out, ms, ms == 0 ? 0 : out * 1000.0 / ms);
    }
}
