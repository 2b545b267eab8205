package dev.ratchet.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
    void checkThatHangsIsKilledAtItsTimeoutWithItsChildren() throws Exception {
        // A background child that would outlive the shell: the whole tree must go, not only sh. The 2 s timeout
        // is the shortest a check has (seconds) with room to spare for starting sh; nothing here finishes by
        // itself within the 600 s the child sleeps.
        CheckResult result = runner.run(new Check("hang",
                "sleep 600 & echo $! > child.pid; echo started; wait", 2), dir);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.outputTail()).as("output before the kill is kept").isEqualTo("started\n");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ProcessHandle.of(child)
                .map(ProcessHandle::isAlive)).as("sleep %d outlived its check", child).isNotEqualTo(Optional.of(true)));
    }
}
