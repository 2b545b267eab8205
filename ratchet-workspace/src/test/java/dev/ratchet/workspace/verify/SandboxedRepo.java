package dev.ratchet.workspace.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxRunner;

/**
 * What a test of verification on real git and the real sandbox (the strongest isolation this machine has) starts
 * from: one sandbox for the class, blobs kept in memory, and a repository committed with the files it is given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxedRepo {

    final Map<String, String> blobs = new HashMap<>();
    final Artifacts artifacts = content -> {
        BlobRef ref = BlobRef.of("s", content);
        blobs.put(ref.sha256(), content);
        return ref;
    };

    SandboxRunner sandbox;
    @TempDir
    Path tmp;
    Path repo;
    String base;

    @BeforeAll
    void startSandbox() {
        sandbox = new SandboxRunner(SandboxConfig.defaults().withBaseDir(Path.of("/tmp")));
    }

    @AfterAll
    void closeSandbox() {
        sandbox.close();
    }

    /** Commits {@code files} (path to content) as the repository's next commit, which becomes {@link #base}. */
    void commit(Map<String, String> files) throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = repo.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Git.run(repo, "init", "-q");
        Git.run(repo, "add", "-A");
        Git.run(repo, "commit", "-q", "-m", "initial");
        base = Git.headCommit(repo);
    }

    /** Staged checks in this sandbox, without browser checks, on {@code cache}. */
    StagedChecks checks(CheckCache cache) {
        return new StagedChecks(sandbox, new BrowserChecks(sandbox, Optional.empty()), cache, 4096, "verifier-test");
    }

    Workspaces workspaces() {
        return new Workspaces(tmp.resolve("work"), Duration.ofMinutes(30));
    }
}
