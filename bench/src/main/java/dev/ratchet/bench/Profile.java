package dev.ratchet.bench;

/**
 * One kind of benchmark session: how many steps, how much the executor model writes per step and how fast. The
 * marker in the goal lets the simulated model's scenario pick the profile's answers.
 */
public record Profile(String name, int steps, int tokensPerStep, double tokensPerSecond, int ttftMs) {

    public static Profile modelBound(int steps, double tokensPerSecond) {
        return new Profile("r" + Math.round(tokensPerSecond) + "-k" + steps, steps, 400, tokensPerSecond, 50);
    }

    /** The model answers at once: what is left is Ratchet's own cost. */
    public static Profile zeroLatency(int steps) {
        return new Profile("zero-k" + steps, steps, 40, 1_000_000_000, 0);
    }

    public String marker() {
        return "[bench " + name + "]";
    }

    public String goal(int session) {
        return "Benchmark session " + session + " " + marker() + ": add one notes file per step";
    }
}
