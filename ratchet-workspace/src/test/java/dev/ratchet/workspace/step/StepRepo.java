package dev.ratchet.workspace.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;

/**
 * A committed repository with what a step's tools must handle: source and tests, a forbidden {@code .env}, a
 * 300 KiB text file, a binary file, and a tracked symlink {@code link -> <a directory outside>} plus one to a file
 * outside; leased as a workspace the way the executor leases one.
 */
final class StepRepo {

    static final String SECRET = "the-outside-secret";
    static final int BIG_BYTES = 300 * 1024;

    final Path repo;
    final Path outside;
    final Workspace ws;

    private StepRepo(Path repo, Path outside, Workspace ws) {
        this.repo = repo;
        this.outside = outside;
        this.ws = ws;
    }

    static StepRepo create(Path tmp) {
        try {
            Path outside = Files.createDirectories(tmp.resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
            Path repo = Files.createDirectories(tmp.resolve("repo"));
            Files.writeString(repo.resolve("app.py"), "def greet():\n    return 'hi'\n");
            Files.createDirectories(repo.resolve("tests"));
            Files.writeString(repo.resolve("tests/test_app.py"), "from app import greet\n\nassert greet() == 'hi'\n");
            Files.writeString(repo.resolve("AGENTS.md"), "# Agents\nRun the tests.\n");
            Files.writeString(repo.resolve(".env"), "API_KEY=do-not-show-me\n");
            Files.createDirectories(repo.resolve("data"));
            StringBuilder rows = new StringBuilder();
            for (int i = 0; rows.length() < BIG_BYTES; i++) {
                rows.append("row ").append(i).append(",value\n");
            }
            Files.writeString(repo.resolve("data/big.csv"), rows.substring(0, BIG_BYTES));
            Files.write(repo.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,
                    0, 13, 'I', 'H', 'D', 'R'});
            Files.createSymbolicLink(repo.resolve("link"), outside);
            Files.createSymbolicLink(repo.resolve("cred"), outside.resolve("secret.txt"));
            Git.run(repo, "init", "-q");
            Git.run(repo, "add", "-A");
            Git.run(repo, "commit", "-q", "-m", "initial");
            Workspaces workspaces = new Workspaces(tmp.resolve("work"), Duration.ofMinutes(30));
            Workspace ws = workspaces.lease("session", repo.toString(), Git.headCommit(repo), List.of());
            return new StepRepo(repo, outside, ws);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(ws.dir().resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
