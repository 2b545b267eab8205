package dev.ratchet.core.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository in a temporary directory, so that diffs in tests are what {@code git diff} writes. */
final class GitRepo {

    private final Path dir;

    GitRepo(Path dir) {
        this.dir = dir;
        git("init", "-q");
        git("config", "user.email", "test@ratchet.dev");
        git("config", "user.name", "Ratchet test");
        git("config", "core.autocrlf", "false");
    }

    Path dir() {
        return dir;
    }

    GitRepo write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GitRepo writeBytes(String path, byte[] content) {
        try {
            Files.write(dir.resolve(path), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void commit() {
        git("add", "-A");
        git("commit", "-q", "-m", "state");
    }

    /** Everything staged against HEAD, renames found, as git writes it for a patch. */
    String stagedDiff(String... options) {
        git("add", "-A");
        List<String> args = new ArrayList<>(List.of("diff", "--cached", "-M"));
        args.addAll(List.of(options));
        args.add("HEAD");
        return git(args.toArray(String[]::new));
    }

    String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
