package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How every parser sees a model's answer: lines, the CRLF each line had, the size bound, errors numbered from 1. */
class AnswerLinesTest {

    @Test
    void linesEndAtNewlinesAndOneTrailingNewlineMakesNoEmptyLastLine() {
        AnswerLines lines = AnswerLines.of("a\nb\n");
        assertThat(lines.size()).isEqualTo(2);
        assertThat(lines.get(0)).isEqualTo("a");
        assertThat(lines.get(1)).isEqualTo("b");

        AnswerLines blankLast = AnswerLines.of("a\n\n");
        assertThat(blankLast.size()).as("a blank line before the last newline is kept").isEqualTo(2);
        assertThat(blankLast.get(1)).isEmpty();
        assertThat(AnswerLines.of("a").size()).isEqualTo(1);
        assertThat(AnswerLines.of("").size()).as("an empty answer is one empty line").isEqualTo(1);
        assertThat(AnswerLines.of("\n").size()).as("a lone newline is one empty line").isEqualTo(1);
        assertThat(AnswerLines.of("\n").get(0)).isEmpty();
        AnswerLines leading = AnswerLines.of("\nabc");
        assertThat(leading.size()).as("an answer that starts with a newline").isEqualTo(2);
        assertThat(leading.get(0)).isEmpty();
        assertThat(leading.get(1)).isEqualTo("abc");
    }

    @Test
    void aCarriageReturnBeforeTheNewlineIsDroppedAndRemembered() {
        AnswerLines lines = AnswerLines.of("one\r\ntwo\nthree\r\n\r\nfour\r");

        assertThat(lines.size()).isEqualTo(5);
        assertThat(lines.get(0)).isEqualTo("one");
        assertThat(lines.crlf(0)).isTrue();
        assertThat(lines.crlf(1)).isFalse();
        assertThat(lines.crlf(2)).isTrue();
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.crlf(3)).as("an empty CRLF line").isTrue();
        assertThat(lines.get(4)).as("a carriage return at the very end is a line ending too").isEqualTo("four");
        assertThat(lines.crlf(4)).isTrue();
        assertThat(AnswerLines.of("x\ry\n").get(0)).as("a carriage return inside a line stays").isEqualTo("x\ry");
    }

    @Test
    void anAnswerOverEightMebibytesIsRefusedBeforeAnyWorkAndNullIsNoAnswer() {
        String limit = "x".repeat(AnswerLines.MAX_CHARS);
        assertThat(AnswerLines.of(limit).size()).as("exactly at the limit").isEqualTo(1);
        assertThatThrownBy(() -> AnswerLines.of(limit + "y")).isInstanceOf(PatchFormatException.class)
                .hasMessage("the answer is 8388609 characters, over the limit of 8388608; split the change into "
                        + "smaller steps");
        assertThatThrownBy(() -> AnswerLines.of(null)).hasMessage("no answer");
    }

    @Test
    void errorsNumberLinesFromOneAndQuotesAreCutAtEightyCharacters() {
        assertThat(AnswerLines.error(0, "bad header")).hasMessage("line 1: bad header");
        assertThat(AnswerLines.abbreviate("y".repeat(80))).isEqualTo("y".repeat(80));
        assertThat(AnswerLines.abbreviate("y".repeat(81))).isEqualTo("y".repeat(77) + "...");
    }
}
