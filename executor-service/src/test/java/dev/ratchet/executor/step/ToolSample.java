package dev.ratchet.executor.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.workspace.Git;

/**
 * The textstats sample plus what the tool loop must handle: a forbidden {@code .env}, a 300 KiB file, a 100 KiB
 * file, a binary file and a tracked symlink {@code link -> <a directory outside the repository>}, all committed.
 */
final class ToolSample {

    static final String ENV_VALUE = "do-not-show-me";
    static final String OUTSIDE_SECRET = "the-outside-secret";
    /** A declared check that shows where it runs and leaves a file behind in its directory. */
    static final Check PROBE = new Check("probe", "touch made-by-check.txt; pwd", 60);

    final TextstatsSample sample;
    final String baseCommit;
    final Path outside;

    private ToolSample(TextstatsSample sample, String baseCommit, Path outside) {
        this.sample = sample;
        this.baseCommit = baseCommit;
        this.outside = outside;
    }

    static ToolSample create() {
        TextstatsSample sample = TextstatsSample.create();
        Path repo = sample.repo;
        try {
            Path outside = Files.createDirectories(repo.getParent().resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), OUTSIDE_SECRET + "\n");
            Files.writeString(repo.resolve(".env"), "API_KEY=" + ENV_VALUE + "\n");
            Path data = Files.createDirectories(repo.resolve("data"));
            Files.writeString(data.resolve("big.csv"), rows(300 * 1024));
            Files.writeString(data.resolve("medium.txt"), rows(100 * 1024));
            Files.write(repo.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,
                    0, 13, 'I', 'H', 'D', 'R'});
            Files.createSymbolicLink(repo.resolve("link"), outside);
            Git.run(repo, "add", "-A");
            Git.run(repo, "commit", "-q", "-m", "files the tools must handle");
            return new ToolSample(sample, Git.headCommit(repo), outside);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly {@code bytes} bytes of CSV rows ({@code row N,value}). */
    private static String rows(int bytes) {
        StringBuilder rows = new StringBuilder(bytes + 32);
        for (int i = 0; rows.length() < bytes; i++) {
            rows.append("row ").append(i).append(",value\n");
        }
        return rows.substring(0, bytes);
    }

    /** A session on this sample with its unit tests and the probe check, under {@code policy}. */
    Session session(String id, StepPolicy policy) {
        return Session.created(id, sample.repo.toString(), TextstatsSample.GOAL, baseCommit,
                List.of(TextstatsSample.UNIT_TESTS, PROBE), policy, Instant.now());
    }

    static StepPolicy maxTurns(int turns) {
        return new StepPolicy(Guardrails.DEFAULTS, turns);
    }

    static StepWork step(String title, String instructions) {
        return new StepWork(0, 0, 1, title, instructions, TextstatsSample.GOAL);
    }
}
