package dev.ratchet.core.skill.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Enumeration;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.SkillInvalidException;
import dev.ratchet.core.skill.SkillRule;

/**
 * Skill folders in and out of archives. Reading takes a zip or a tar.gz held in memory (the request body, already
 * bounded) through {@link EntryGate}; writing makes the same zip for the same folder every time (entries in path
 * order, a fixed time), so an export's bytes identify its content.
 */
public final class SkillArchives {

    private static final int FILE_TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int EXECUTABLE = 0111;
    /** The earliest DOS time, in local time so that every time zone writes the same bytes. */
    private static final long FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0).atZone(ZoneId.systemDefault())
            .toInstant().toEpochMilli();

    private SkillArchives() {
    }

    /** True when the bytes start like a gzip stream (the rest is taken for a zip). */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** A zip or a tar.gz, told apart by its first bytes. */
    public static SkillFolder read(byte[] archive, ArchiveLimits limits) {
        return isGzip(archive) ? readTarGz(archive, limits) : readZip(archive, limits);
    }

    /**
     * Reads the zip's central directory (where symlinks and modes are recorded) and inflates each entry through the
     * gate, measuring the compressed bytes each entry really consumed.
     */
    public static SkillFolder readZip(byte[] zip, ArchiveLimits limits) {
        EntryGate gate = new EntryGate(limits);
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            long[] compressedBefore = {0};
            for (Enumeration<ZipArchiveEntry> entries = file.getEntriesInPhysicalOrder(); entries.hasMoreElements();) {
                ZipArchiveEntry entry = entries.nextElement();
                String raw = entry.getName();
                int type = entry.getUnixMode() & FILE_TYPE_MASK;
                if (entry.isUnixSymlink()) {
                    EntryGate.refuse(SkillRule.ARCHIVE_SYMLINK, raw, "symbolic links are not accepted: store the "
                            + "file itself");
                }
                if (type != 0 && type != REGULAR_FILE && type != DIRECTORY) {
                    EntryGate.refuse(SkillRule.ARCHIVE_SPECIAL_ENTRY, raw, "only files and folders are accepted");
                }
                String path = gate.admit(raw, entry.isDirectory() || type == DIRECTORY);
                if (path == null) {
                    continue;
                }
                if (!file.canReadEntryData(entry)) {
                    EntryGate.refuse(SkillRule.ARCHIVE_FORMAT, raw, "compression method " + entry.getMethod()
                            + " or encryption is not supported; use deflate");
                }
                try (InputStream in = file.getInputStream(entry)) {
                    if (!(in instanceof InputStreamStatistics stats)) {
                        throw new IOException("compression method " + entry.getMethod() + " cannot be measured");
                    }
                    gate.read(path, raw, in, (entry.getUnixMode() & EXECUTABLE) != 0,
                            () -> compressedBefore[0] + stats.getCompressedCount());
                    compressedBefore[0] += stats.getCompressedCount();
                }
            }
        } catch (IOException e) {
            throw new SkillInvalidException(SkillRule.ARCHIVE_FORMAT.at("body", "not a readable zip: "
                    + e.getMessage()));
        }
        return gate.folder();
    }

    /** Reads a gzip-compressed tar; the gzip stream counts the compressed bytes it consumed. */
    public static SkillFolder readTarGz(byte[] tarGz, ArchiveLimits limits) {
        EntryGate gate = new EntryGate(limits);
        try (GzipCompressorInputStream gzip = new GzipCompressorInputStream(new ByteArrayInputStream(tarGz));
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String raw = entry.getName();
                if (entry.isSymbolicLink()) {
                    EntryGate.refuse(SkillRule.ARCHIVE_SYMLINK, raw, "symbolic links are not accepted: store the "
                            + "file itself");
                }
                if (entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()
                        || !entry.isDirectory() && !entry.isFile()) {
                    EntryGate.refuse(SkillRule.ARCHIVE_SPECIAL_ENTRY, raw, "only files and folders are accepted");
                }
                String path = gate.admit(raw, entry.isDirectory());
                if (path != null) {
                    gate.read(path, raw, tar, (entry.getMode() & EXECUTABLE) != 0, gzip::getCompressedCount);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SkillInvalidException(SkillRule.ARCHIVE_FORMAT.at("body", "not a readable tar.gz: "
                    + e.getMessage()));
        }
        return gate.folder();
    }

    /** The folder as a zip whose entries sit in a top-level folder named like the skill. */
    public static byte[] writeZip(SkillFolder folder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (SkillFile file : folder.files().values()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(folder.name() + "/" + file.path());
                entry.setUnixMode(REGULAR_FILE | (file.executable() ? 0755 : 0644));
                entry.setTime(FIXED_TIME);
                zip.putArchiveEntry(entry);
                zip.write(file.content());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a zip in memory", e);
        }
        return bytes.toByteArray();
    }
}
