package dev.ratchet.core.skill.archive;

import static dev.ratchet.core.skill.archive.Archives.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.SkillInvalidException;
import dev.ratchet.core.skill.archive.Archives.Entry;

/** Skill archives in and out: the fixture skills byte for byte, and every hostile archive refused by its rule. */
class SkillArchivesTest {

    private static final String SKILL_MD = "---\nname: tidy\ndescription: Sorts imports. Use when they are out of "
            + "order.\n---\n\n# Tidy\n";
    private static final ArchiveLimits LIMITS = ArchiveLimits.DEFAULTS;

    static Stream<Path> fixtureSkills() throws IOException {
        try (Stream<Path> children = Files.list(Fixtures.path("agent-skills"))) {
            return children.filter(p -> Files.isRegularFile(p.resolve("SKILL.md"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtureSkills")
    void fixtureSkillsRoundTripByteForByte(Path folder) {
        String name = folder.getFileName().toString();
        Map<String, byte[]> onDisk = new TreeMap<>();
        for (Entry e : Archives.entries(folder, "")) {
            onDisk.put(e.path(), e.content());
        }

        for (byte[] upload : List.of(Archives.zip(Archives.entries(folder, name + "/")),
                Archives.tarGz(Archives.entries(folder, "./")), Archives.zip(Archives.entries(folder, "")))) {
            SkillFolder imported = SkillArchives.read(upload, LIMITS);
            SkillFolder exported = SkillArchives.read(SkillArchives.writeZip(imported), LIMITS);

            assertThat(exported).isEqualTo(imported);
            assertThat(exported.name()).isEqualTo(name);
            assertThat(exported.files().keySet()).containsExactlyElementsOf(onDisk.keySet());
            onDisk.forEach((path, bytes) -> assertThat(exported.files().get(path).content()).as(path)
                    .isEqualTo(bytes));
            assertThat(exported.digest()).isEqualTo(imported.digest());
        }
    }

    @Test
    void exportIsTheSameBytesEveryTimeAndKeepsTheExecutableBit() {
        byte[] upload = Archives.zip(file("tidy/SKILL.md", SKILL_MD),
                new Entry("tidy/scripts/run.sh", "#!/bin/sh\necho tidy\n".getBytes(StandardCharsets.UTF_8),
                        Archives.SCRIPT));
        SkillFolder folder = SkillArchives.read(upload, LIMITS);

        byte[] first = SkillArchives.writeZip(folder);

        assertThat(SkillArchives.writeZip(SkillArchives.read(first, LIMITS))).isEqualTo(first);
        assertThat(folder.files().get("scripts/run.sh").executable()).isTrue();
        assertThat(folder.skillMd().executable()).isFalse();
        assertThat(SkillArchives.read(first, LIMITS).files().get("scripts/run.sh").executable()).isTrue();
    }

    @Test
    void theDigestIgnoresTheArchiveButNotTheContent() {
        SkillFolder zip = SkillArchives.read(Archives.zip(file("tidy/SKILL.md", SKILL_MD)), LIMITS);
        SkillFolder tar = SkillArchives.read(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD)), LIMITS);
        SkillFolder changed = SkillArchives.read(Archives.zip(file("tidy/SKILL.md", SKILL_MD + "more\n")), LIMITS);

        assertThat(tar.digest()).isEqualTo(zip.digest());
        assertThat(changed.digest()).isNotEqualTo(zip.digest());
    }

    @Test
    void folderAndFileEntriesAndMacForksAreFine() {
        SkillFolder folder = SkillArchives.read(Archives.zip(file("tidy/", ""), file("tidy/SKILL.md", SKILL_MD),
                file("tidy/references/", ""), file("tidy/references/GUIDE.md", "# Guide\n"),
                file("__MACOSX/tidy/._SKILL.md", "fork")), LIMITS);

        assertThat(folder.files().keySet()).containsExactly("SKILL.md", "references/GUIDE.md");
    }

    @Test
    void zipSlip() {
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), file("../evil.sh", "rm -rf ~")),
                "archive-parent-path", "../evil.sh");
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), file("tidy/../../evil.sh", "x")),
                "archive-parent-path", "tidy/../../evil.sh");
        // A DOS zip's '\\' is a folder separator to the zip reader (as to Windows' own tools)
        refused(Archives.plainZip(file("tidy/SKILL.md", SKILL_MD), file("tidy\\..\\..\\evil.sh", "x")),
                "archive-parent-path", "tidy/../../evil.sh");
        refused(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), file("tidy\\..\\..\\evil.sh", "x")),
                "archive-parent-path", "tidy\\..\\..\\evil.sh");
        refused(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), file("../../etc/cron.d/x", "x")),
                "archive-parent-path", "../../etc/cron.d/x");
    }

    @Test
    void absolutePaths() {
        refused(Archives.zip(file("/etc/passwd", "root")), "archive-absolute-path", "/etc/passwd");
        refused(Archives.zip(file("C:/Windows/win.ini", "x")), "archive-absolute-path", "C:/Windows/win.ini");
        refused(Archives.tarGz(file("/tmp/SKILL.md", SKILL_MD)), "archive-absolute-path", "/tmp/SKILL.md");
    }

    @Test
    void oddPaths() {
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), file("tidy//x.md", "x")), "archive-invalid-path",
                "tidy//x.md");
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), file("tidy/a\u0007.md", "x")),
                "archive-invalid-path", "tidy/a\u0007.md");
        refused(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), file("tidy\\x.md", "x")), "archive-invalid-path",
                "tidy\\x.md");
        assertThat(SkillArchives.read(Archives.plainZip(file("tidy\\SKILL.md", SKILL_MD)), LIMITS).name())
                .as("a DOS zip's separator").isEqualTo("tidy");
    }

    @Test
    void symlinksAndLinks() {
        Entry link = new Entry("tidy/secrets", "/home/dev/.ssh/id_rsa".getBytes(StandardCharsets.UTF_8),
                Archives.SYMLINK);
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), link), "archive-symlink", "tidy/secrets");
        refused(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), link), "archive-symlink", "tidy/secrets");
        refused(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), new Entry("tidy/copy",
                "tidy/SKILL.md".getBytes(StandardCharsets.UTF_8), Archives.HARD_LINK)), "archive-special-entry",
                "tidy/copy");
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), new Entry("tidy/fifo", new byte[0], 0010644)),
                "archive-special-entry", "tidy/fifo");
    }

    @Test
    void duplicateEntries() {
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), file("tidy/SKILL.md", SKILL_MD + "again")),
                "archive-duplicate", "tidy/SKILL.md");
        refused(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), file("tidy/./SKILL.md", SKILL_MD)),
                "archive-duplicate", "tidy/./SKILL.md");
    }

    @Test
    void layout() {
        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), file("other/x.md", "x")), "archive-layout",
                "other/x.md");
        refused(Archives.zip(file("tidy/README.md", "x")), "skill-md-missing", "SKILL.md");
        refused(Archives.zip(), "skill-md-missing", "SKILL.md");
        refused(Archives.zip(file("tidy-imports/SKILL.md", SKILL_MD)), "name-folder", "name");
        refused("not an archive".getBytes(StandardCharsets.UTF_8), "archive-format", "body");
        refused(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}, "archive-format", "body");
    }

    @Test
    void tooManyFiles() {
        List<Entry> entries = new ArrayList<>(List.of(file("tidy/SKILL.md", SKILL_MD)));
        for (int i = 0; i < 5; i++) {
            entries.add(file("tidy/references/" + i + ".md", "x"));
        }
        ArchiveLimits five = new ArchiveLimits(5, LIMITS.maxBytes(), LIMITS.maxRatio(), LIMITS.ratioGraceBytes(),
                LIMITS.maxSkillMdBytes());

        assertThatThrownBy(() -> SkillArchives.read(Archives.zip(entries.toArray(Entry[]::new)), five))
                .isInstanceOfSatisfying(SkillInvalidException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> assertThat(v.rule().id()).isEqualTo("archive-too-many-files")));
        assertThat(SkillArchives.read(Archives.zip(entries.subList(0, 5).toArray(Entry[]::new)), five).files())
                .hasSize(5);
    }

    @Test
    void tooManyBytesOfIncompressibleData() {
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        ArchiveLimits small = new ArchiveLimits(10, 256 * 1024, LIMITS.maxRatio(), LIMITS.ratioGraceBytes(),
                LIMITS.maxSkillMdBytes());

        for (byte[] upload : List.of(Archives.zip(file("tidy/SKILL.md", SKILL_MD), new Entry("tidy/assets/a.bin",
                noise, Archives.FILE)), Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), new Entry("tidy/assets/a.bin",
                        noise, Archives.FILE)))) {
            refused(upload, small, "archive-too-large", "tidy/assets/a.bin");
        }
    }

    @Test
    void zipBombIsStoppedByItsRatioWhileInflating() {
        byte[] zeros = new byte[8 << 20];

        refused(Archives.zip(file("tidy/SKILL.md", SKILL_MD), new Entry("tidy/assets/zeros", zeros, Archives.FILE)),
                "archive-compression-ratio", "tidy/assets/zeros");
        refused(Archives.tarGz(file("tidy/SKILL.md", SKILL_MD), new Entry("tidy/assets/zeros", zeros,
                Archives.FILE)), "archive-compression-ratio", "tidy/assets/zeros");
    }

    @Test
    void sizesInTheHeadersAreNotBelieved() {
        byte[] zeros = new byte[4 << 20];
        byte[] bomb = Archives.zip(file("tidy/SKILL.md", SKILL_MD), new Entry("tidy/assets/zeros", zeros,
                Archives.FILE));
        // Claim 100 bytes for the big entry in its local and central headers; the reader must count for itself.
        lieAboutSize(bomb, "tidy/assets/zeros", 100);

        refused(bomb, "archive-compression-ratio", "tidy/assets/zeros");
    }

    private static void lieAboutSize(byte[] zip, String name, int claimed) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer le = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int patched = 0;
        for (int i = 0; i + 46 < zip.length; i++) {
            int signature = le.getInt(i);
            if (signature == 0x04034b50 && named(zip, i + 30, le.getShort(i + 26), nameBytes)) {
                le.putInt(i + 22, claimed);
                patched++;
            } else if (signature == 0x02014b50 && named(zip, i + 46, le.getShort(i + 28), nameBytes)) {
                le.putInt(i + 24, claimed);
                patched++;
            }
        }
        assertThat(patched).as("local and central header patched").isEqualTo(2);
    }

    private static boolean named(byte[] zip, int at, int length, byte[] name) {
        return length == name.length && at + length <= zip.length
                && Arrays.equals(zip, at, at + length, name, 0, length);
    }

    private static void refused(byte[] upload, String rule, String field) {
        refused(upload, LIMITS, rule, field);
    }

    private static void refused(byte[] upload, ArchiveLimits limits, String rule, String field) {
        assertThatThrownBy(() -> SkillArchives.read(upload, limits))
                .isInstanceOfSatisfying(SkillInvalidException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> {
                            assertThat(v.rule().id()).isEqualTo(rule);
                            assertThat(v.field()).isEqualTo(field);
                        }));
    }
}
