package dev.ratchet.workspace.step;

import dev.ratchet.core.event.Usage;
import dev.ratchet.models.ChatResult;

/** The model usage of all turns of one attempt: tokens summed, speed as completion tokens over decoding time. */
final class UsageTotals {

    private int tokensIn;
    private int tokensOut;
    private long modelMs;
    private long decodeMs;

    void add(ChatResult answer) {
        tokensIn += answer.usage().promptTokens();
        tokensOut += answer.usage().completionTokens();
        modelMs += answer.totalMs();
        decodeMs += Math.max(0, answer.totalMs() - answer.timeToFirstTokenMs());
    }

    Usage usage() {
        return new Usage(tokensIn, tokensOut, modelMs, decodeMs <= 0 || tokensOut <= 0 ? 0
                : tokensOut * 1000.0 / decodeMs);
    }
}
