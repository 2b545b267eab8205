package dev.ratchet.workspace.step;

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
import java.util.List;
import java.util.Optional;

import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.Rule;
import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.PatchPaths;
import dev.ratchet.core.patch.PathEntry;
import dev.ratchet.core.prompt.FileFacts;
import dev.ratchet.core.prompt.RepoFile;

/**
 * What a step's model may see of the workspace, for the prompt and the read tools alike: paths are checked as text,
 * then against the forbidden globs, then walked from the root without following a symlink ({@link DiskRepo}); a file
 * is opened with {@code NOFOLLOW_LINKS}, its size looked at first, and only UTF-8 text within the read limit is read
 * whole. Anything else is {@link FileFacts} (path, size, kind) or a refusal that says why.
 */
public final class RepoFiles {

    /** The first bytes looked at to tell text from binary in a file too large to read: git looks at 8000. */
    static final int SNIFF_BYTES = 8000;

    private final DiskRepo repo;
    private final Guardrails guardrails;
    private final long readLimit;

    public RepoFiles(DiskRepo repo, Guardrails guardrails, long readLimit) {
        this.repo = repo;
        this.guardrails = guardrails;
        this.readLimit = readLimit;
    }

    public long readLimit() {
        return readLimit;
    }

    /** Whether the guardrails let the model see {@code path} at all (forbidden paths are neither read nor listed). */
    public boolean visible(String path) {
        return PatchPaths.problem(path).isEmpty() && guardrails.forbiddenBy(PatchPaths.normalise(path)) == null;
    }

    /** What the model may see of {@code path}. */
    public RepoFile file(String path) {
        Optional<String> problem = PatchPaths.problem(path);
        if (problem.isPresent()) {
            return new RepoFile.Refused(path, "[" + Rule.PATH_ESCAPE.id() + "] " + problem.get());
        }
        String normal = PatchPaths.normalise(path);
        String forbidden = guardrails.forbiddenBy(normal);
        if (forbidden != null) {
            return new RepoFile.Refused(normal, "[" + Rule.FORBIDDEN_PATH.id() + "] " + normal
                    + " matches the forbidden pattern '" + forbidden + "'; it cannot be read or changed");
        }
        PathEntry entry = repo.entry(normal);
        if (entry.kind() == PathEntry.Kind.SYMLINK) {
            String how = entry.path().equals(normal) ? normal + " is a symlink" : normal + " goes through the symlink "
                    + entry.path();
            return new RepoFile.Refused(normal, "[" + Rule.PATH_ESCAPE.id() + "] " + how + " (-> "
                    + entry.linkTarget() + "); symlinks are never followed");
        }
        if (!entry.path().equals(normal) || entry.kind() == PathEntry.Kind.MISSING) {
            return new RepoFile.Refused(normal, "no such file: " + normal);
        }
        if (entry.kind() == PathEntry.Kind.DIRECTORY) {
            return new RepoFile.Refused(normal, normal + " is a directory: list it with list_files");
        }
        if (entry.kind() != PathEntry.Kind.FILE) {
            return new RepoFile.Refused(normal, normal + " is not a regular file");
        }
        return read(normal);
    }

    /** The files a listing may show: every file of {@code files} the guardrails let the model see. */
    public List<String> visible(List<String> files) {
        return files.stream().filter(this::visible).toList();
    }

    private RepoFile read(String path) {
        try (SeekableByteChannel channel = Files.newByteChannel(resolve(path), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > readLimit) {
                ByteBuffer head = ByteBuffer.allocate(SNIFF_BYTES);
                fill(channel, head);
                return new RepoFile.Unread(new FileFacts(path, size, noNul(head)
                        ? FileFacts.Kind.LARGE_TEXT : FileFacts.Kind.BINARY));
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            fill(channel, bytes);
            Optional<String> text = text(bytes);
            return text.<RepoFile>map(t -> new RepoFile.Text(path, t))
                    .orElseGet(() -> new RepoFile.Unread(new FileFacts(path, size, FileFacts.Kind.BINARY)));
        } catch (NoSuchFileException e) {
            return new RepoFile.Refused(path, "no such file: " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private Path resolve(String path) {
        return repo.root().resolve(path);
    }

    private static void fill(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // read until full or at the end
        }
        buffer.flip();
    }

    private static Optional<String> text(ByteBuffer bytes) {
        if (!noNul(bytes)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * No NUL byte, as git decides. For the first bytes of a larger file that is all there is to go on (the cut may
     * split a UTF-8 character); a whole file must decode as UTF-8 as well ({@link #text}).
     */
    private static boolean noNul(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (bytes.get(i) == 0) {
                return false;
            }
        }
        return true;
    }
}
