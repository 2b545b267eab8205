package dev.ratchet.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;

class CheckRunnerTest {

    @TempDir
    Path dir;

    final CheckRunner runner = new CheckRunner(64);

    @Test
    void passingCheck() {
        CheckResult result = runner.run(new Check("echo", "echo ok", 10), dir);
        assertThat(result.passed()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.outputTail()).isEqualTo("ok\n");
    }

    @Test
    void failingCheckKeepsTheEndOfItsOutput() {
        CheckResult result = runner.run(new Check("noisy", "seq 1 500; echo FAILED >&2; exit 3", 10), dir);
        assertThat(result.passed()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outputTail()).endsWith("500\nFAILED\n").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void checkThatHangsIsKilledAtItsTimeout() {
        CheckResult result = runner.run(new Check("hang", "sleep 30", 1), dir);
        assertThat(result.timedOut()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.durationMs()).isLessThan(30_000);
    }
}
