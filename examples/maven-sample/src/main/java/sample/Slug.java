package sample;

import java.util.Locale;

/** URL slugs: lower-case words of letters and digits joined by hyphens. */
public final class Slug {

    private Slug() {
    }

    public static String of(String title) {
        String words = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
        return words.replace(' ', '-');
    }
}
