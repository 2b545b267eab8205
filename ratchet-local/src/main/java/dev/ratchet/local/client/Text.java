package dev.ratchet.local.client;

/** Untrusted text (goals, reasons, model output) made fit for one terminal line. */
final class Text {

    private Text() {
    }

    /**
     * Whitespace runs to one space, control characters (a goal or a reason may hold terminal escapes) dropped, cut to
     * {@code max} characters with an ellipsis.
     */
    static String oneLine(String text, int max) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }
}
