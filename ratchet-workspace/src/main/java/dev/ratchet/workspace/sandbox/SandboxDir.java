package dev.ratchet.workspace.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ratchet.workspace.ProcessRunner;

/**
 * One check's throwaway directory: {@code work/}, a full copy of the workspace including {@code .git} (so a check
 * may run git), and beside it {@code home/} and {@code tmp/} for HOME and TMPDIR, kept out of {@code work/} so that
 * {@code git status} in a check sees only the workspace. Deleted when closed. Public for a runner elsewhere (a
 * Kubernetes Job mounts the directory from a shared volume).
 */
public final class SandboxDir implements AutoCloseable {

    /** Copying or deleting a 2,000-file repository takes 0.3 to 3 s on the shared build machine; a minute is stuck. */
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(1);
    private static final int MAX_TOOL_OUTPUT = 16 * 1024;
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path root;

    private SandboxDir(Path root) {
        this.root = root;
    }

    /** A copy of {@code workspace} under {@code base}, owned by this process's user. */
    public static SandboxDir copyOf(Path workspace, Path base) {
        return copyOf(workspace, base, Optional.empty());
    }

    /**
     * Copies {@code workspace} with {@code cp -a --reflink=auto} (copy-on-write where the filesystem can, a plain
     * copy elsewhere; symbolic links stay links and are never followed) and hands everything to {@code user}.
     */
    static SandboxDir copyOf(Path workspace, Path base, Optional<CheckUser> user) {
        return copyOf(workspace, base, user, Map.of());
    }

    /**
     * {@link #copyOf(Path, Path, Optional)} with {@code homeFiles} written under {@code home/} before the hand-over.
     */
    static SandboxDir copyOf(Path workspace, Path base, Optional<CheckUser> user, Map<String, byte[]> homeFiles) {
        Path root = base.resolve(UUID.randomUUID().toString());
        SandboxDir dir = new SandboxDir(root);
        try {
            createPrivateDirectory(root);
            createPrivateDirectory(dir.home());
            createPrivateDirectory(dir.tmp());
            createPrivateDirectory(dir.work());
            // "workspace/." copies what is in it (dotfiles too), and through the path even if it is a link.
            tool(base, "cp", "-a", "--reflink=auto", "--", workspace + "/.", dir.work().toString());
            for (Map.Entry<String, byte[]> file : homeFiles.entrySet()) {
                Path target = dir.home().resolve(file.getKey()).normalize();
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            if (user.isPresent()) {
                // -P -h: act on symbolic links themselves; a link to /etc/shadow must not hand /etc/shadow over.
                tool(base, "chown", "-R", "-P", "-h", user.get().owner(), "--", root.toString());
            }
            return dir;
        } catch (IOException e) {
            dir.close();
            throw new UncheckedIOException("cannot place files in " + dir.home(), e);
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    public Path root() {
        return root;
    }

    public Path work() {
        return root.resolve("work");
    }

    public Path home() {
        return root.resolve("home");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    /**
     * The regular files directly in {@code home/<relative>} (links and directories are left alone), each up to
     * {@code maxFileBytes}, {@code maxTotalBytes} in all; what does not fit is left out.
     */
    Map<String, byte[]> collect(String relative, long maxFileBytes, long maxTotalBytes) {
        Path from = home().resolve(relative).normalize();
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        long total = 0;
        try (Stream<Path> list = Files.list(from)) {
            for (Path file : list.sorted().toList()) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long size = Files.size(file);
                if (size > maxFileBytes || total + size > maxTotalBytes) {
                    continue;
                }
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
                total += size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what the check left in " + from, e);
        }
        return files;
    }

    @Override
    public void close() {
        delete(root);
    }

    /** Removes {@code dir}; a check may have left directories without permissions, so those are opened first. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (!ProcessRunner.run(List.of("rm", "-rf", "--", dir.toString()), parent, FILE_TIMEOUT, null,
                MAX_TOOL_OUTPUT).ok()) {
            ProcessRunner.run(List.of("chmod", "-R", "u+rwX", "--", dir.toString()), parent, FILE_TIMEOUT, null,
                    MAX_TOOL_OUTPUT);
            tool(parent, "rm", "-rf", "--", dir.toString());
        }
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectory(dir, PRIVATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void tool(Path dir, String... command) {
        ProcessRunner.Result result = ProcessRunner.run(List.of(command), dir, FILE_TIMEOUT, null, MAX_TOOL_OUTPUT);
        if (!result.ok()) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed (exit "
                    + result.exitCode() + (result.timedOut() ? ", timed out" : "") + "): " + result.output().strip()));
        }
    }
}
