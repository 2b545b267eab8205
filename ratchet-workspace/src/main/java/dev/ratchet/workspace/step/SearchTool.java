package dev.ratchet.workspace.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.ratchet.core.prompt.RepoFile;
import dev.ratchet.models.Tool;

/**
 * {@code search}: a regular expression over the workspace's text files, answered as {@code path:line: text}. Files
 * the model may not read are not searched; binary files and files over the read limit are named as not searched,
 * never read. The results, each line and the time spent are capped: a pattern written to backtrack forever is
 * stopped at the deadline, not left to hold the executor.
 */
final class SearchTool implements StepTool {

    static final String NAME = "search";
    static final int MAX_RESULTS = 100;
    static final int MAX_LINE_CHARS = 200;
    static final int MAX_PATTERN_CHARS = 1000;
    /** Far longer than any sensible search of a repository the executor may read, short enough for a step. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final Supplier<List<String>> files;
    private final RepoFiles reader;
    private final Duration limit;

    /** @param limit how long one search may take ({@link #DEADLINE}) */
    SearchTool(Supplier<List<String>> files, RepoFiles reader, Duration limit) {
        this.files = files;
        this.reader = reader;
        this.limit = limit;
    }

    @Override
    public Tool definition() {
        return new Tool(NAME, "Search the repository's text files for a Java regular expression; answers path:line: "
                + "text, at most " + MAX_RESULTS + " lines.", """
                {"type": "object",
                 "properties": {
                   "pattern": {"type": "string", "description": "a Java regular expression, matched per line"},
                   "path": {"type": "string", "description": "only files under this directory or matching this glob"},
                   "ignoreCase": {"type": "boolean"}},
                 "required": ["pattern"],
                 "additionalProperties": false}""");
    }

    @Override
    public String call(ToolArguments arguments) throws ToolFailure {
        String pattern = arguments.required("pattern");
        if (pattern.length() > MAX_PATTERN_CHARS) {
            throw new ToolFailure("the pattern is " + pattern.length() + " characters, over the limit of "
                    + MAX_PATTERN_CHARS);
        }
        Pattern regex;
        try {
            regex = Pattern.compile(pattern, arguments.flag("ignoreCase") ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new ToolFailure("not a valid regular expression: " + e.getMessage());
        }
        Predicate<String> under = ListFilesTool.filter(arguments.optional("path"));
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> hits = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        boolean more = false;
        try {
            for (String path : files.get()) {
                if (!under.test(path)) {
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new DeadlineText.Expired();
                }
                RepoFile file = reader.file(path);
                if (file instanceof RepoFile.Unread u) {
                    unread.add(u.facts().describe(reader.readLimit()));
                } else if (file instanceof RepoFile.Text text && !scan(text, regex, deadline, hits)) {
                    more = true;
                    break;
                }
            }
        } catch (DeadlineText.Expired e) {
            throw new ToolFailure("the search ran past its " + limit.toMillis() + " ms limit"
                    + (hits.isEmpty() ? "" : " after " + hits.size() + " matches")
                    + "; use a simpler pattern or a narrower path");
        }
        StringBuilder out = new StringBuilder();
        hits.forEach(h -> out.append(h).append('\n'));
        if (hits.isEmpty()) {
            out.append("no matches\n");
        }
        if (more) {
            out.append("(stopped at ").append(MAX_RESULTS).append(" matches: narrow the pattern or the path)\n");
        }
        if (!unread.isEmpty()) {
            out.append("(not searched: ").append(String.join("; ", unread)).append(")\n");
        }
        return out.toString();
    }

    /** Adds the file's matching lines; false once the results are full. */
    private static boolean scan(RepoFile.Text text, Pattern regex, long deadline, List<String> hits)
            throws ToolFailure {
        String[] lines = text.content().split("\n", -1);
        Matcher matcher = regex.matcher("");
        for (int i = 0; i < lines.length; i++) {
            if (find(matcher, new DeadlineText(lines[i], deadline), text.path(), i + 1)) {
                if (hits.size() == MAX_RESULTS) {
                    return false;
                }
                String line = lines[i].length() > MAX_LINE_CHARS ? lines[i].substring(0, MAX_LINE_CHARS) + "..."
                        : lines[i];
                hits.add(text.path() + ":" + (i + 1) + ": " + line);
            }
        }
        return true;
    }

    /**
     * Java's regex engine recurses per repetition of a group: on a long line a pattern like {@code (a|aa)+} overflows
     * the thread's stack before any deadline. The overflow unwinds the matcher's own frames only, so it is safe to
     * answer it as a refusal.
     */
    private static boolean find(Matcher matcher, DeadlineText line, String path, int number) throws ToolFailure {
        try {
            return matcher.reset(line).find();
        } catch (StackOverflowError e) {
            throw new ToolFailure("the pattern recurses too deeply on " + path + ":" + number
                    + "; use a simpler pattern");
        }
    }

    /**
     * Text whose reads stop with {@link Expired} once the deadline has passed: the regex engine reads the text
     * through {@code charAt}, so even a catastrophically backtracking pattern notices the time.
     */
    static final class DeadlineText implements CharSequence {

        static final class Expired extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Expired() {
                super(null, null, false, false);
            }
        }

        private final CharSequence text;
        private final long deadline;
        private int reads;

        DeadlineText(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            // nanoTime costs ~25 ns: look at the clock every 4096 reads.
            if ((++reads & 0xFFF) == 0 && System.nanoTime() > deadline) {
                throw new Expired();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new DeadlineText(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
