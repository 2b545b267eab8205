package dev.ratchet.local.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The running variants of the current step's attempt, one line and bar each, from the progress lines that name a
 * {@code variant} (an executor starting and finishing it, a verifier taking it, the planner's verdict on it). A
 * one-variant attempt's lines name none, so it draws nothing and {@code follow} stays one line per event.
 *
 * <pre>
 *   s1 attempt 1 variant 0 [######----] verifying on verifier-1
 *   s1 attempt 1 variant 2 [##########] verified (+3 -1, 812 tokens)
 * </pre>
 */
final class VariantBoard {

    /** Where a variant is: each hop fills a quarter of its bar. */
    enum Stage {
        EXECUTING("executing"), EXECUTED("executed"), VERIFYING("verifying"), DECIDED("decided");

        final String word;

        Stage(String word) {
            this.word = word;
        }
    }

    /** Ten cells: the four hops at 2, 5, 7 and 10, wide enough to see and short enough for 80 columns. */
    static final int BAR = 10;
    /** At most this many characters of a variant's latest words (a reason is model or check output). */
    private static final int MAX_WORDS = 60;

    private record Row(Stage stage, String words) {
    }

    private String stepId;
    private int attempt;
    private final Map<Integer, Row> rows = new TreeMap<>();

    /**
     * Takes one progress event's data; a new attempt or step (its {@code step.requested}) starts an empty board.
     *
     * @return true when the board changed (a variant moved, or the board was cleared)
     */
    boolean accept(JsonNode progress) {
        String type = progress.path("type").asText();
        if ("step.requested".equals(type)) {
            boolean had = !rows.isEmpty();
            rows.clear();
            stepId = progress.path("stepId").asText(null);
            attempt = progress.path("attempt").asInt();
            return had;
        }
        JsonNode variant = progress.path("variant");
        Stage stage = stage(type);
        if (!variant.isInt() || stage == null) {
            return false;
        }
        stepId = progress.path("stepId").asText(null);
        attempt = progress.path("attempt").asInt();
        rows.put(variant.asInt(), new Row(stage, words(stage, variant.asInt(), progress.path("message").asText())));
        return true;
    }

    /** One line per variant seen in the current attempt, by variant; empty when none named itself. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        rows.forEach((variant, row) -> {
            int filled = BAR * (row.stage().ordinal() + 1) / Stage.values().length;
            lines.add("  " + stepId + " attempt " + attempt + " variant " + variant + " ["
                    + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + row.words());
        });
        return lines;
    }

    /** True when {@code progress} decides the attempt on the board ({@code step.verified} or {@code step.rejected}). */
    boolean closedBy(JsonNode progress) {
        String type = progress.path("type").asText();
        return !rows.isEmpty() && ("step.verified".equals(type) || "step.rejected".equals(type))
                && progress.path("stepId").asText("").equals(stepId) && progress.path("attempt").asInt() == attempt;
    }

    /** The board's last lines (each variant's verdict), and an empty board for the next attempt. */
    List<String> close() {
        List<String> last = lines();
        rows.clear();
        return last;
    }

    private static Stage stage(String type) {
        return switch (type) {
            case "step.started" -> Stage.EXECUTING;
            case "step.executed" -> Stage.EXECUTED;
            case "step.verifying" -> Stage.VERIFYING;
            case "step.variant" -> Stage.DECIDED;
            default -> null;
        };
    }

    /**
     * What to show after the bar: the planner's verdict in its words ({@code ... variant k of n WORDS}), who executed
     * the variant ({@code ... executed by NAME (...)}), or where it runs ({@code ... on NAME}); else the stage alone.
     */
    private static String words(Stage stage, int variant, String message) {
        String line = Text.oneLine(message, 400);
        String[] rest = split(line, switch (stage) {
            case DECIDED -> " variant " + variant + " of ";
            case EXECUTED -> " executed by ";
            case EXECUTING, VERIFYING -> " on ";
        });
        if (rest.length == 0 || stage == Stage.DECIDED && rest.length < 2) {
            return stage.word;
        }
        String shown = switch (stage) {
            case DECIDED -> rest[1];
            case EXECUTED -> "executed by " + rest[0];
            case EXECUTING, VERIFYING -> stage.word + " on " + String.join(" ", rest);
        };
        return Text.oneLine(shown, MAX_WORDS);
    }

    /** The words after the last {@code marker} in {@code line}, split at the first space; none without it. */
    private static String[] split(String line, String marker) {
        int at = line.lastIndexOf(marker);
        return at < 0 ? new String[0] : line.substring(at + marker.length()).split(" ", 2);
    }
}
