package dev.ratchet.core.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * A repository directory on disk as a {@link FileTree} and a {@link RepoView} that never follows a symlink: every
 * path is walked from the root one component at a time without following links ({@code NOFOLLOW_LINKS}), a path
 * that goes through a symlink reads as absent and is refused for writing, and files are opened with
 * {@code NOFOLLOW_LINKS} too. So a repository that tracks {@code link -> /somewhere} cannot make a read or a write
 * leave the directory. (Another process swapping a directory for a link between the check and the write is outside
 * what this guards against: the workspace belongs to the step.)
 *
 * <p>Reads are bounded ({@link #DEFAULT_MAX_FILE_BYTES}) and only of UTF-8 text: a binary file or one over the limit
 * is an error naming it, never read whole into memory.
 */
public final class DiskRepo implements FileTree, RepoView, FileModes {

    /**
     * The largest file a patch may change: 16 MiB. A 5 MB generated file must still be patchable; a 150 MB data
     * file must not be read whole by every executor.
     */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final Path root;
    private final long maxFileBytes;

    public DiskRepo(Path root) {
        this(root, DEFAULT_MAX_FILE_BYTES);
    }

    public DiskRepo(Path root, long maxFileBytes) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("no repository directory " + root, e);
        }
        this.maxFileBytes = maxFileBytes;
    }

    public Path root() {
        return root;
    }

    @Override
    public PathEntry lstat(String path) {
        Path file = resolve(path);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return PathEntry.symlink(path, Files.readSymbolicLink(file).toString());
            }
            return attributes.isDirectory() ? PathEntry.directory(path)
                    : attributes.isRegularFile() ? PathEntry.file(path) : new PathEntry(path, PathEntry.Kind.OTHER,
                            null);
        } catch (NoSuchFileException e) {
            return PathEntry.missing(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + path, e);
        }
    }

    /**
     * @throws PatchApplyException when the file is over the size limit or is not UTF-8 text
     */
    @Override
    public Optional<String> read(String path) {
        if (!isFile(path)) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(resolve(path), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > maxFileBytes) {
                throw new PatchApplyException(path + " is " + size + " bytes, over the limit of " + maxFileBytes
                        + " bytes for a file a patch changes");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read until full or at the end
            }
            bytes.flip();
            return Optional.of(text(path, bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public void write(String path, String content) {
        for (String ancestor : PatchPaths.ancestors(path)) {
            PathEntry entry = lstat(ancestor);
            if (entry.kind() == PathEntry.Kind.MISSING) {
                createDirectory(ancestor);
            } else if (entry.kind() != PathEntry.Kind.DIRECTORY) {
                throw new IllegalArgumentException("cannot write " + path + ": " + ancestor + " is not a directory "
                        + "(" + entry.kind() + ")");
            }
        }
        PathEntry self = lstat(path);
        if (self.kind() != PathEntry.Kind.FILE && self.kind() != PathEntry.Kind.MISSING) {
            throw new IllegalArgumentException("cannot write " + path + ": it is a " + self.kind());
        }
        try (SeekableByteChannel channel = Files.newByteChannel(resolve(path), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Deletes a file, or a symlink itself (never what it points to); a missing path is left alone. */
    @Override
    public void delete(String path) {
        PathEntry entry = entry(path);
        if (!entry.path().equals(path) || entry.kind() == PathEntry.Kind.MISSING) {
            return;
        }
        if (entry.kind() == PathEntry.Kind.DIRECTORY) {
            throw new IllegalArgumentException("cannot delete " + path + ": it is a directory");
        }
        try {
            Files.delete(resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    @Override
    public boolean isExecutable(String path) {
        try {
            return isFile(path) && Files.getPosixFilePermissions(resolve(path), LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Git's two modes: 755 or 644 for the bits that are readable (as git checks files out). */
    @Override
    public void setExecutable(String path, boolean executable) {
        if (!isFile(path)) {
            throw new IllegalArgumentException("cannot change the mode of " + path + ": not a file");
        }
        try {
            Path file = resolve(path);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            toggle(permissions, executable, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
            toggle(permissions, executable, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE);
            toggle(permissions, executable, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change the mode of " + path, e);
        }
    }

    private static void toggle(Set<PosixFilePermission> permissions, boolean executable, PosixFilePermission read,
            PosixFilePermission execute) {
        if (executable && permissions.contains(read)) {
            permissions.add(execute);
        } else if (!executable) {
            permissions.remove(execute);
        }
    }

    private boolean isFile(String path) {
        PathEntry entry = entry(path);
        return entry.path().equals(path) && entry.kind() == PathEntry.Kind.FILE;
    }

    private void createDirectory(String path) {
        try {
            Files.createDirectory(resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + path, e);
        }
    }

    /** Repository paths are checked as text first; a path with a problem never reaches the filesystem. */
    private Path resolve(String path) {
        return root.resolve(PatchPaths.normalise(path));
    }

    private static String text(String path, ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (bytes.get(i) == 0) {
                throw binary(path);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw binary(path);
        }
    }

    private static PatchApplyException binary(String path) {
        return new PatchApplyException(path + " is not UTF-8 text (a binary file?); binary files cannot be patched");
    }
}
