package dev.ratchet.core.prompt;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer (o200k, the GPT-4o family's), so "each step gets a budget well under the
 * model's window" is measured rather than guessed from characters. The encoding ships inside the jar.
 */
public final class TokenBudget {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private static final String CUT_MARKER = "\n[... cut to fit the token budget]";

    private final int limit;

    public TokenBudget(int limit) {
        if (limit < 256) {
            throw new IllegalArgumentException("a token budget below 256 cannot hold a prompt: " + limit);
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    /** The text cut to at most {@code maxTokens}, with a marker saying it was cut. */
    public String truncate(String text, int maxTokens) {
        if (count(text) <= maxTokens) {
            return text;
        }
        int room = maxTokens - count(CUT_MARKER);
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (count(text.substring(0, mid)) <= room) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, lo) + CUT_MARKER;
    }
}
