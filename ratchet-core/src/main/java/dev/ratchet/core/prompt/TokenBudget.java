package dev.ratchet.core.prompt;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
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

    /**
     * {@link #count}, but it stops counting past {@code max}: {@code max + 1} means "more than {@code max}", at the
     * cost of tokenizing only that much of a long text.
     */
    public int countUpTo(String text, int max) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return ENCODING.encodeOrdinary(text, Math.max(0, max) + 1).getTokens().size();
    }

    /**
     * The text cut to at most {@code maxTokens}, with a marker saying it was cut. One tokenizer pass finds the cut
     * ({@code encodeOrdinary(text, max)} stops at the limit and says where), so cutting a long text costs about what
     * counting the part that is kept does, never a tokenization of the whole.
     */
    public String truncate(String text, int maxTokens) {
        if (text == null || text.isEmpty() || !ENCODING.encodeOrdinary(text, maxTokens).isTruncated()) {
            return text;
        }
        int room = Math.max(0, maxTokens - count(CUT_MARKER));
        while (true) {
            String cut = prefix(text, room) + CUT_MARKER;
            int over = count(cut) - maxTokens;
            // The kept part and the marker can merge into fewer or more tokens than apart: step back until it fits.
            if (over <= 0 || room == 0) {
                return cut;
            }
            room = Math.max(0, room - over);
        }
    }

    /** The longest start of {@code text} that is at most {@code tokens} tokens, never splitting a surrogate pair. */
    private static String prefix(String text, int tokens) {
        if (tokens <= 0) {
            return "";
        }
        EncodingResult result = ENCODING.encodeOrdinary(text, tokens);
        if (!result.isTruncated()) {
            return text;
        }
        int end = Math.min(text.length(), result.getLastProcessedCharacterIndex() + 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
