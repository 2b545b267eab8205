package dev.ratchet.planner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.auth.ApiKey;

/** The bootstrap key file as Kubernetes mounts it, and what an operator may put in it by mistake. */
class BootstrapKeyFileTest {

    private static final String TOKEN = "rk_00000000000b0075_bootstrapKeyOfThePlannerTestsOnly0000000000";

    @Test
    void noFileIsNoKey(@TempDir Path dir) {
        assertThat(BootstrapKeyFile.read(dir.resolve("api-key"))).isEmpty();
    }

    /** kubelet writes a Secret's keys as links into a timestamped folder ({@code api-key -> ..data/api-key}). */
    @Test
    void aKeyIsReadThroughTheSecretVolumesLinks(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("..2026_11_30_23_59_59.000000001"));
        Files.writeString(data.resolve("api-key"), TOKEN + "\n");
        Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(dir.resolve("api-key"), Path.of("..data", "api-key"));

        assertThat(BootstrapKeyFile.read(dir.resolve("api-key"))).map(ApiKey::token).contains(TOKEN);
    }

    @Test
    void aFileThatHoldsNoKeyFailsNamingTheFileAndTheShape(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("api-key"), "hunter2\n");

        assertThatThrownBy(() -> BootstrapKeyFile.read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessage("ratchet.auth.bootstrap.key-file " + file + " does not hold an API key (rk_<id>_<secret>)");
    }

    @Test
    void aLargeFileIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("api-key"), new byte[BootstrapKeyFile.MAX_BYTES + 1]);

        assertThatThrownBy(() -> BootstrapKeyFile.read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is over 1024 bytes");
    }

    @Test
    void aFolderIsNotAKeyFile(@TempDir Path dir) {
        assertThatThrownBy(() -> BootstrapKeyFile.read(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessage("ratchet.auth.bootstrap.key-file " + dir + " is not a file");
    }

    /** The line the warning and docs/KUBERNETES.md give, run by a real shell and openssl, makes a key. */
    @Test
    void theGeneratorTheWarningGivesMakesAKey() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "printf %s \"" + KeyBootstrap.GENERATE + "\"")
                .redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor()).as(out).isZero();
        assertThat(ApiKey.parse(out)).as(out).isPresent();
        assertThat(KeyBootstrap.HOW_TO_CREATE).contains("--from-literal=api-key=\"" + KeyBootstrap.GENERATE + "\"");
    }
}
