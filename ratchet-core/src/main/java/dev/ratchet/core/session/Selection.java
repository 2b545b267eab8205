package dev.ratchet.core.session;

import java.util.Locale;

/** How the winner among an attempt's variants is chosen (a session's {@code select}). */
public enum Selection {
    /** Wait for every variant's verdict (or the attempt's deadline), then take the best ({@link VariantSelection}). */
    BEST,
    /** Take the first variant that passes, at once; the rest of the attempt's verdicts are not waited for. */
    FIRST;

    /** The option as a request names it ({@code best}, {@code first}). */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the options, for anything else */
    public static Selection parse(String option) {
        for (Selection s : values()) {
            if (s.option().equals(option)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be \"best\" or \"first\", not \"" + option + "\"");
    }
}
