package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository on disk with real symlinks: nothing is read or written through one. */
class DiskRepoTest {

    /** The repository's parent, owned by the test: a write to {@code ../x} that got through would land here. */
    @TempDir
    Path base;
    @TempDir
    Path outside;
    Path repoDir;
    DiskRepo repo;

    @BeforeEach
    void repository() throws IOException {
        repoDir = Files.createDirectories(base.resolve("repo"));
        Files.writeString(outside.resolve("secret.txt"), "outside secret\n");
        Files.createDirectories(repoDir.resolve("src"));
        Files.writeString(repoDir.resolve("src/app.py"), "print('hi')\n");
        Files.createSymbolicLink(repoDir.resolve("out"), outside);
        Files.createSymbolicLink(repoDir.resolve("src/secret.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(repoDir.resolve("inside"), repoDir.resolve("src"));
        repo = new DiskRepo(repoDir);
    }

    @Test
    void entriesAreSeenWithoutFollowingLinks() {
        assertThat(repo.entry("src")).isEqualTo(PathEntry.directory("src"));
        assertThat(repo.entry("src/app.py")).isEqualTo(PathEntry.file("src/app.py"));
        assertThat(repo.entry("src/none.py")).isEqualTo(PathEntry.missing("src/none.py"));
        assertThat(repo.entry("out")).isEqualTo(PathEntry.symlink("out", outside.toString()));
        assertThat(repo.entry("out/secret.txt")).as("the ancestor link is the answer")
                .isEqualTo(PathEntry.symlink("out", outside.toString()));
        assertThat(repo.entry("inside/app.py").kind()).as("a link inside the repository is a link too")
                .isEqualTo(PathEntry.Kind.SYMLINK);
    }

    @Test
    void readsNeverFollowALink() {
        assertThat(repo.read("src/app.py")).contains("print('hi')\n");
        assertThat(repo.read("out/secret.txt")).isEmpty();
        assertThat(repo.read("src/secret.txt")).isEmpty();
        assertThat(repo.read("inside/app.py")).isEmpty();
    }

    @Test
    void writesNeverGoThroughALink() throws IOException {
        assertThatThrownBy(() -> repo.write("out/planted.txt", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.write("src/secret.txt", "overwritten\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.write("../escape.txt", "x")).isInstanceOf(IllegalArgumentException.class);

        assertThat(outside.resolve("planted.txt")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).hasContent("outside secret");
        assertThat(base.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void writesCreateDirectoriesAndKeepTheBytes() {
        repo.write("new/dir/ü.txt", "grüße\r\n");

        assertThat(repoDir.resolve("new/dir/ü.txt")).hasBinaryContent("grüße\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deletingALinkRemovesTheLinkNotItsTarget() {
        repo.delete("src/secret.txt");

        assertThat(Files.exists(repoDir.resolve("src/secret.txt"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(outside.resolve("secret.txt")).hasContent("outside secret");
    }

    @Test
    void binaryAndOversizedFilesAreNotRead() throws IOException {
        Files.write(repoDir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        Files.write(repoDir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        Files.writeString(repoDir.resolve("big.txt"), "x".repeat(2_000));
        DiskRepo small = new DiskRepo(repoDir, 1_000);

        assertThatThrownBy(() -> repo.read("logo.png")).isInstanceOf(PatchApplyException.class)
                .hasMessage("logo.png is not UTF-8 text (a binary file?); binary files cannot be patched");
        assertThatThrownBy(() -> repo.read("latin1.txt")).isInstanceOf(PatchApplyException.class);
        assertThatThrownBy(() -> small.read("big.txt")).isInstanceOf(PatchApplyException.class)
                .hasMessage("big.txt is 2000 bytes, over the limit of 1000 bytes for a file a patch changes");
    }

    @Test
    void theExecutableBitIsKept() {
        repo.setExecutable("src/app.py", true);
        assertThat(repo.isExecutable("src/app.py")).isTrue();
        assertThat(repoDir.resolve("src/app.py")).isExecutable();

        repo.setExecutable("src/app.py", false);
        assertThat(repo.isExecutable("src/app.py")).isFalse();
    }

    @Test
    void evenWithoutGuardrailsAPatchNeverWritesThroughALink() {
        String before = DirectorySnapshot.of(repoDir);

        assertThatThrownBy(() -> ChangePlan.apply(Edits.parse("""
                *** Begin Patch
                *** Add File: out/planted.txt
                +x
                *** Update File: src/secret.txt
                @@
                -outside secret
                +changed
                *** End Patch
                """), repo))
                .isInstanceOf(PatchApplyException.class)
                .extracting(e -> ((PatchApplyException) e).problems()).asList()
                .containsExactly("*** Add File: out/planted.txt: it goes through the symlink out; a patch never "
                        + "writes through symlinks",
                        "*** Update File: src/secret.txt: src/secret.txt is a symlink; patch the file it points to "
                                + "instead");
        assertThat(outside.resolve("planted.txt")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).hasContent("outside secret");
        assertThat(DirectorySnapshot.of(repoDir)).isEqualTo(before);
    }
}
