package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;

/** Skill folders on disk: found in the agents' layouts, read without following links, written back exactly. */
class SkillFoldersTest {

    @TempDir
    Path dir;

    private Path skill(String relative) throws IOException {
        Path folder = dir.resolve(relative);
        Files.createDirectories(folder);
        String name = folder.getFileName().toString();
        Files.writeString(folder.resolve("SKILL.md"), "---\nname: " + name + "\ndescription: d\n---\n");
        return folder;
    }

    @Test
    void aRepositoryOffersTheSkillsOfEveryLayout() throws IOException {
        Path claude = skill(".claude/skills/review");
        Path codex = skill(".codex/skills/tidy");
        Path agents = skill(".agents/skills/bump");
        Path ratchet = skill(".ratchet/skills/captured");
        Files.createDirectories(dir.resolve(".claude/skills/not-a-skill"));

        assertThat(SkillFolders.find(dir)).containsExactly(agents, claude, codex, ratchet);
        assertThat(SkillFolders.find(dir.resolve(".claude/skills"))).containsExactly(claude);
        assertThat(SkillFolders.find(claude)).containsExactly(claude);
        assertThat(SkillFolders.find(dir.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void aLinkInAFolderIsRefusedNotFollowed() throws IOException {
        Path folder = skill("linked");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(folder.resolve("secret.txt"), dir.resolve("secret.txt"));

        assertThatThrownBy(() -> SkillFolders.read(folder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret.txt is a symbolic link or special file; a skill holds files only");
    }

    @Test
    void aWrittenFolderHoldsTheSameFilesAndModes() throws IOException {
        SkillFolder folder = SkillFolder.of("tidy", List.of(
                new SkillFile("SKILL.md", "---\nname: tidy\ndescription: d\n---\n".getBytes(StandardCharsets.UTF_8),
                        false),
                new SkillFile("scripts/run.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), true)), 4096);
        Path target = dir.resolve("out/tidy");

        SkillFolders.write(target, folder);

        assertThat(SkillFolders.holds(target, folder)).isTrue();
        assertThat(Files.isExecutable(target.resolve("scripts/run.sh"))).isTrue();
        assertThat(SkillFolders.read(target)).containsExactlyInAnyOrderElementsOf(folder.fileList());
        Files.writeString(target.resolve("scripts/run.sh"), "changed");
        assertThat(SkillFolders.holds(target, folder)).isFalse();
    }
}
