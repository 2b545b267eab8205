package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * A text file as lines, each with the line ending it has ("\n", "\r\n", or "" for a last line without one), so
 * that a patch changes only the lines it changes: a CRLF file keeps CRLF, a mixed file keeps each line's ending,
 * and new lines get the file's preferred ending (that of its first line, as the reference and rustfmt do).
 */
final class TextFile {

    final List<String> texts = new ArrayList<>();
    final List<String> endings = new ArrayList<>();
    /** Lines added by the patch, for the guardrails' added-line checks. */
    final List<Boolean> added = new ArrayList<>();
    final String preferred;
    final boolean endsWithNewline;

    private TextFile(String content) {
        String firstEnding = null;
        int start = 0;
        for (int nl = content.indexOf('\n'); nl >= 0; nl = content.indexOf('\n', start)) {
            boolean crlf = nl > start && content.charAt(nl - 1) == '\r';
            String ending = crlf ? "\r\n" : "\n";
            add(content.substring(start, crlf ? nl - 1 : nl), ending, false);
            firstEnding = firstEnding == null ? ending : firstEnding;
            start = nl + 1;
        }
        if (start < content.length()) {
            add(content.substring(start), "", false);
        }
        this.preferred = firstEnding == null ? "\n" : firstEnding;
        // An empty file takes lines the way a file with a final newline does.
        this.endsWithNewline = content.isEmpty() || content.endsWith("\n");
    }

    static TextFile parse(String content) {
        return new TextFile(content);
    }

    int size() {
        return texts.size();
    }

    private void add(String text, String ending, boolean isAdded) {
        texts.add(text);
        endings.add(ending);
        added.add(isAdded);
    }

    /**
     * Replaces the {@code oldCount} lines at {@code at} with a hunk's lines: context lines stay as they are in the
     * file (they may have matched loosely), removed lines go, added lines come in with the preferred ending.
     */
    void replace(int at, List<PatchOp.Line> body) {
        List<String> newTexts = new ArrayList<>();
        List<String> newEndings = new ArrayList<>();
        List<Boolean> newAdded = new ArrayList<>();
        int j = at;
        for (PatchOp.Line line : body) {
            switch (line.kind()) {
                case CONTEXT -> {
                    newTexts.add(texts.get(j));
                    newEndings.add(endings.get(j));
                    newAdded.add(added.get(j++));
                }
                case REMOVED -> j++;
                case ADDED -> {
                    newTexts.add(line.text());
                    newEndings.add(preferred);
                    newAdded.add(true);
                }
            }
        }
        texts.subList(at, j).clear();
        endings.subList(at, j).clear();
        added.subList(at, j).clear();
        texts.addAll(at, newTexts);
        endings.addAll(at, newEndings);
        added.addAll(at, newAdded);
    }

    /** The content, every line but the last ended, the last ended or not as {@code finalNewline} says. */
    String render(boolean finalNewline) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            out.append(texts.get(i));
            boolean last = i == texts.size() - 1;
            String ending = endings.get(i).isEmpty() ? preferred : endings.get(i);
            if (!last || finalNewline) {
                out.append(ending);
            }
        }
        return out.toString();
    }
}
