package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command side of {@code ./ratchet restart}; the endpoint itself is exercised on a real cluster in the IT. */
class ControlCommandTest {

    @TempDir
    Path home;

    @Test
    void withoutARunningClusterItSaysSoAndFails() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run("restart", List.of("executor-1"), err);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no Ratchet cluster is running");
    }

    @Test
    void aStaleClusterFileOfADeadLauncherIsNoCluster() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(home.resolve(".ratchet"));
        Files.writeString(home.resolve(".ratchet/cluster.json"), "{\"pid\":" + gone.pid()
                + ",\"control\":\"http://127.0.0.1:1\",\"control-token\":\"t\"}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(run("kill", List.of("redis"), err)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no Ratchet cluster is running");
    }

    @Test
    void aPartNameIsRequiredAndOnlyRestartTakesKill() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(run("restart", List.of(), err)).isEqualTo(Main.USAGE);
        assertThat(run("start", List.of("redis", "--kill"), err)).isEqualTo(Main.USAGE);
        assertThat(run("restart", List.of("a", "b"), err)).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("restart takes one part name");
    }

    private int run(String command, List<String> args, ByteArrayOutputStream err) {
        return ControlCommand.run(new LocalLayout(home), command, args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
