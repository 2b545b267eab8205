package dev.ratchet.core.skill.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds archives the way tools do (zip with Unix modes, tar.gz with links), including the hostile ones: an entry
 * is a path, its content, and its Unix mode (0 for a zip entry without one, {@link #SYMLINK} for a link whose
 * content is its target, {@link #HARD_LINK} for a tar hard link).
 */
public final class Archives {

    public static final int FILE = 0100644;
    public static final int SCRIPT = 0100755;
    public static final int SYMLINK = 0120777;
    public static final int HARD_LINK = -1;

    /** An entry of an archive being built. */
    public record Entry(String path, byte[] content, int mode) {

        public static Entry file(String path, String content) {
            return new Entry(path, content.getBytes(StandardCharsets.UTF_8), FILE);
        }
    }

    private Archives() {
    }

    public static byte[] zip(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.path());
                if (e.mode() != 0) {
                    entry.setUnixMode(e.mode());
                }
                zip.putArchiveEntry(entry);
                zip.write(e.content());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A zip written by java.util.zip, which keeps a name as given (commons-compress turns a FAT name's '\\' into
     * '/'), as Windows tools wrote them.
     */
    public static byte[] plainZip(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.path()));
                zip.write(e.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] tarGz(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry;
                if (e.mode() == SYMLINK || e.mode() == HARD_LINK) {
                    entry = new TarArchiveEntry(e.path(), e.mode() == SYMLINK ? TarArchiveEntry.LF_SYMLINK
                            : TarArchiveEntry.LF_LINK, true);
                    entry.setLinkName(new String(e.content(), StandardCharsets.UTF_8));
                    tar.putArchiveEntry(entry);
                } else {
                    // true: keep a leading '/', as a hostile tool would
                    entry = new TarArchiveEntry(e.path(), true);
                    entry.setMode(e.mode());
                    entry.setSize(e.path().endsWith("/") ? 0 : e.content().length);
                    tar.putArchiveEntry(entry);
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Every file under {@code folder} as an entry under {@code prefix} (modes as on disk). */
    public static Entry[] entries(Path folder, String prefix) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String path = prefix + folder.relativize(file).toString().replace('\\', '/');
                entries.put(path, new Entry(path, Files.readAllBytes(file), Files.isExecutable(file) ? SCRIPT
                        : FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries.values().toArray(Entry[]::new);
    }
}
