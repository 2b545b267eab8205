package dev.ratchet.k8s.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Set;

import dev.ratchet.workspace.sandbox.OutputCapture;

/**
 * Reads back what a check's Job wrote to its directory ({@link CheckJobs#WRAPPER}), trusting none of it: the check
 * ran as the verifier's user and could have replaced any file. Only regular files are read (never through a
 * symbolic link, which could point at the verifier's own API token, nor a FIFO, which would block), and only as
 * much as the output limits allow.
 */
final class CheckJobFiles {

    /** An exit status is at most "255\n". */
    private static final int MAX_NUMBER_BYTES = 24;

    private final Path dir;

    CheckJobFiles(Path dir) {
        this.dir = dir;
    }

    /** The check's output: head, a marker for what was left out, tail; empty when the files are not there. */
    String output(int headBytes, int tailBytes) {
        byte[] head = read(CheckJobs.HEAD_FILE, headBytes);
        byte[] tail = read(CheckJobs.TAIL_FILE, tailBytes);
        long rest = number(CheckJobs.REST_FILE).orElse(tail.length);
        return OutputCapture.text(head, tail, Math.max(0, rest - tail.length));
    }

    /** Every byte the check wrote, kept or not. */
    long outputBytes() {
        return size(CheckJobs.HEAD_FILE) + number(CheckJobs.REST_FILE).orElse(size(CheckJobs.TAIL_FILE));
    }

    /** The exit status the wrapper recorded, when it is a number from 0 to 255. */
    OptionalLong exitStatus() {
        OptionalLong status = number(CheckJobs.EXIT_FILE);
        return status.isPresent() && status.getAsLong() <= 255 ? status : OptionalLong.empty();
    }

    private OptionalLong number(String name) {
        String text = new String(read(name, MAX_NUMBER_BYTES), StandardCharsets.US_ASCII).strip();
        return text.matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }

    private long size(String name) {
        return regular(name) ? attributes(name).size() : 0;
    }

    private boolean regular(String name) {
        return Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS) && attributes(name).isRegularFile();
    }

    private BasicFileAttributes attributes(String name) {
        try {
            return Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the check's " + name + " in " + dir, e);
        }
    }

    /** The first {@code max} bytes of a regular file directly in the directory; none for anything else. */
    private byte[] read(String name, int max) {
        Path file = dir.resolve(name);
        if (!regular(name)) {
            return new byte[0];
        }
        try {
            try (SeekableByteChannel in = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS))) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(max, in.size()));
                int read = 0;
                while (buffer.hasRemaining() && read >= 0) {
                    read = in.read(buffer);
                }
                return Arrays.copyOf(buffer.array(), buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the check's " + name + " in " + dir, e);
        }
    }
}
