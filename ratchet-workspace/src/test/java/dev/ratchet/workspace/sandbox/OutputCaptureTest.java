package dev.ratchet.workspace.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    @Test
    void shortOutputIsKeptWhole() {
        OutputCapture capture = new OutputCapture(4, 6);
        write(capture, "0123456789", 3);

        assertThat(capture.text()).isEqualTo("0123456789");
        assertThat(capture.totalBytes()).isEqualTo(10);
        assertThat(capture.omittedBytes()).isZero();
    }

    @Test
    void longOutputKeepsHeadAndTailAroundAMarker() {
        String text = "HEAD" + "-".repeat(1000) + "the tail\n";
        for (int chunk : new int[] {1, 7, 4096}) {
            OutputCapture capture = new OutputCapture(4, 9);
            write(capture, text, chunk);

            assertThat(capture.text()).as("written %d bytes at a time", chunk)
                    .isEqualTo("HEAD\n[ratchet: 1000 bytes of output left out]\nthe tail\n");
            assertThat(capture.totalBytes()).isEqualTo(text.length());
            assertThat(capture.omittedBytes()).isEqualTo(1000);
        }
    }

    @Test
    void headThatEndsALineGetsNoExtraNewline() {
        OutputCapture capture = new OutputCapture(3, 2);
        write(capture, "ab\ncdefgh", 100);

        assertThat(capture.text()).isEqualTo("ab\n[ratchet: 4 bytes of output left out]\ngh");
    }

    @Test
    void withoutATailOnlyTheHeadIsKept() {
        OutputCapture capture = new OutputCapture(2, 0);
        write(capture, "abcdef", 4);

        assertThat(capture.text()).isEqualTo("ab\n[ratchet: 4 bytes of output left out]\n");
    }

    private static void write(OutputCapture capture, String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += chunk) {
            capture.write(bytes, at, Math.min(chunk, bytes.length - at));
        }
    }
}
