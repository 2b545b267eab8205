package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;

/**
 * Skill folders on disk in the layouts agents read: {@code .ratchet/skills/}, {@code .claude/skills/},
 * {@code .codex/skills/} and {@code .agents/skills/} (one folder per skill, named like it, with its SKILL.md).
 * Links are never followed: a symbolic link in a skill folder is reported, not read.
 */
final class SkillFolders {

    /** Each layout by the name {@code --layout} takes. */
    static final Map<String, String> LAYOUTS = Map.of("ratchet", ".ratchet/skills", "claude", ".claude/skills",
            "codex", ".codex/skills", "agents", ".agents/skills");

    private SkillFolders() {
    }

    /**
     * The skill folders {@code dir} holds: itself when it has a SKILL.md, else its sub-folders that have one, else
     * those of every layout under it (a repository's root).
     */
    static List<Path> find(Path dir) {
        if (Files.isRegularFile(dir.resolve(SkillFolder.SKILL_MD), LinkOption.NOFOLLOW_LINKS)) {
            return List.of(dir);
        }
        List<Path> found = new ArrayList<>(children(dir));
        if (found.isEmpty()) {
            LAYOUTS.values().stream().sorted().forEach(layout -> found.addAll(children(dir.resolve(layout))));
        }
        return found;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(c -> Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(c.resolve(SkillFolder.SKILL_MD), LinkOption.NOFOLLOW_LINKS)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Every regular file of the folder with its path inside it and whether it is executable.
     *
     * @throws IllegalArgumentException naming a symbolic link or other special file in the folder
     */
    static List<SkillFile> read(Path folder) {
        List<SkillFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String path = folder.relativize(file).toString().replace('\\', '/');
                    if (!attributes.isRegularFile()) {
                        throw new IllegalArgumentException(path + " is a symbolic link or special file; a skill "
                                + "holds files only");
                    }
                    files.add(new SkillFile(path, Files.readAllBytes(file), Files.isExecutable(file)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return files;
    }

    /** True when {@code dir} holds exactly the folder's files, byte for byte. */
    static boolean holds(Path dir, SkillFolder folder) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return SkillFolder.of(dir.getFileName().toString(), read(dir), Integer.MAX_VALUE).equals(folder);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Writes the folder's files under {@code dir} (made first), each executable one with its execute bits. */
    static void write(Path dir, SkillFolder folder) {
        try {
            for (SkillFile file : folder.fileList()) {
                Path target = dir.resolve(file.path()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalArgumentException(file.path() + " would leave " + dir);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.content());
                if (file.executable()) {
                    Set<PosixFilePermission> modes = Files.getPosixFilePermissions(target);
                    modes.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE));
                    Files.setPosixFilePermissions(target, modes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        }
    }
}
