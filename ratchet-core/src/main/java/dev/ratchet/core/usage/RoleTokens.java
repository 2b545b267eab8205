package dev.ratchet.core.usage;

/** One model role's tokens on one day: prompt tokens in, completion tokens out. */
public record RoleTokens(long tokensIn, long tokensOut) {

    public long total() {
        return tokensIn + tokensOut;
    }
}
