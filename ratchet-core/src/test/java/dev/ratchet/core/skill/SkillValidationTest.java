package dev.ratchet.core.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The specification's validation table, rule by rule: each SKILL.md below breaks exactly the rule named beside it,
 * and the violation names the field. The valid rows are the specification's own examples.
 */
class SkillValidationTest {

    private static final int MAX_SKILL_MD = 4096;
    private static final String OK = "description: Sorts imports. Use when imports are out of order.\n";

    static Stream<Arguments> invalid() {
        return Stream.of(
                row("no front matter", "# Tidy imports\n", "tidy", "front-matter-missing", "SKILL.md"),
                row("front matter after text", "intro\n---\nname: tidy\n" + OK + "---\n", "tidy",
                        "front-matter-missing", "SKILL.md"),
                row("not closed", "---\nname: tidy\n" + OK + "# Body\n", "tidy", "front-matter-unclosed",
                        "SKILL.md"),
                row("broken YAML", "---\nname: [tidy\n" + OK + "---\n", "tidy", "front-matter-yaml", "SKILL.md"),
                row("a list, not a mapping", "---\n- name\n- description\n---\n", "tidy", "front-matter-mapping",
                        "SKILL.md"),
                row("empty front matter", "---\n---\nbody\n", "tidy", "front-matter-mapping", "SKILL.md"),
                row("field twice", "---\nname: tidy\nname: tidy\n" + OK + "---\n", "tidy", "duplicate-field",
                        "name"),
                row("unknown field", "---\nname: tidy\n" + OK + "version: 2\n---\n", "tidy", "unknown-field",
                        "version"),
                row("no name", "---\n" + OK + "---\n", "tidy", "required", "name"),
                row("no description", "---\nname: tidy\n---\n", "tidy", "required", "description"),
                row("name not text", "---\nname: 42\n" + OK + "---\n", "tidy", "field-type", "name"),
                row("allowed-tools as a list", "---\nname: tidy\n" + OK + "allowed-tools: [Read]\n---\n", "tidy",
                        "field-type", "allowed-tools"),
                row("license as a mapping", "---\nname: tidy\n" + OK + "license: {spdx: MIT}\n---\n", "tidy",
                        "field-type", "license"),
                row("name of 65", "---\nname: " + "a".repeat(65) + "\n" + OK + "---\n", "a".repeat(65),
                        "name-length", "name"),
                row("upper case", "---\nname: Tidy\n" + OK + "---\n", "Tidy", "name-characters", "name"),
                row("underscore", "---\nname: tidy_imports\n" + OK + "---\n", "tidy_imports", "name-characters",
                        "name"),
                row("leading hyphen", "---\nname: -tidy\n" + OK + "---\n", "-tidy", "name-hyphens", "name"),
                row("trailing hyphen", "---\nname: tidy-\n" + OK + "---\n", "tidy-", "name-hyphens", "name"),
                row("double hyphen", "---\nname: tidy--imports\n" + OK + "---\n", "tidy--imports", "name-hyphens",
                        "name"),
                row("folder differs", "---\nname: tidy\n" + OK + "---\n", "tidy-imports", "name-folder", "name"),
                row("reserved", "---\nname: search\n" + OK + "---\n", "search", "name-reserved", "name"),
                row("empty description", "---\nname: tidy\ndescription: ''\n---\n", "tidy", "description-length",
                        "description"),
                row("description of 1025", "---\nname: tidy\ndescription: " + "d".repeat(1025) + "\n---\n", "tidy",
                        "description-length", "description"),
                row("compatibility of 501", "---\nname: tidy\n" + OK + "compatibility: " + "c".repeat(501)
                        + "\n---\n", "tidy", "compatibility-length", "compatibility"),
                row("metadata number", "---\nname: tidy\n" + OK + "metadata:\n  version: 1.0\n---\n", "tidy",
                        "metadata-string", "metadata.version"),
                row("metadata list value", "---\nname: tidy\n" + OK + "metadata:\n  tags: [a, b]\n---\n", "tidy",
                        "metadata-string", "metadata.tags"),
                row("metadata not a mapping", "---\nname: tidy\n" + OK + "metadata: text\n---\n", "tidy",
                        "field-type", "metadata"));
    }

    private static Arguments row(String what, String skillMd, String folder, String rule, String field) {
        return Arguments.of(what, skillMd, folder, rule, field);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("invalid")
    void eachRuleIsNamedWithItsField(String what, String skillMd, String folder, String rule, String field) {
        assertThatThrownBy(() -> folder(folder, skillMd.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SkillInvalidException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.rule().id()).isEqualTo(rule);
                            assertThat(v.field()).isEqualTo(field);
                            assertThat(v.message()).isNotBlank();
                        }));
    }

    @Test
    void everyRuleBrokenAtOnceIsReportedTogether() {
        String skillMd = "---\nname: Tidy--\ndescription: ''\ncompatibility: ''\n---\n";

        assertThatThrownBy(() -> folder("tidy", skillMd.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SkillInvalidException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.rule().id()).containsExactly("name-characters", "description-length",
                                "compatibility-length", "name-folder"));
        String unknown = "---\nname: tidy\n" + OK + "tags: [a]\nauthor: me\nmetadata:\n  n: 1\n---\n";
        assertThatThrownBy(() -> folder("tidy", unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SkillInvalidException.class, e -> assertThat(e.violations())
                        .extracting(SkillViolation::field).containsExactly("tags", "author", "metadata.n"));
    }

    @Test
    void skillMdMustBeUtf8() {
        byte[] latin1 = ("---\nname: cafe\ndescription: Caf\u00e9 menus.\n---\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> folder("cafe", latin1)).isInstanceOfSatisfying(SkillInvalidException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(SkillRule.UTF8);
                    assertThat(v.field()).isEqualTo("SKILL.md");
                }));
    }

    @Test
    void skillMdOverTheLimitIsNotRead() {
        byte[] big = ("---\nname: tidy\n" + OK + "---\n" + "x".repeat(MAX_SKILL_MD)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> folder("tidy", big)).isInstanceOfSatisfying(SkillInvalidException.class,
                e -> assertThat(e.violations()).extracting(v -> v.rule().id()).containsExactly("skill-md-too-large"));
    }

    @Test
    void aFolderWithoutSkillMd() {
        assertThatThrownBy(() -> SkillFolder.of("tidy", List.of(new SkillFile("README.md", new byte[] {'x'},
                false)), MAX_SKILL_MD)).isInstanceOfSatisfying(SkillInvalidException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.rule()).isEqualTo(SkillRule.SKILL_MD_MISSING);
                            assertThat(v.message()).endsWith("found README.md");
                        }));
    }

    @Test
    void validSkillsOfTheSpecification() {
        String minimal = "---\nname: skill-name\ndescription: A description of what this skill does and when to use "
                + "it.\n---\n";
        String full = "---\nname: pdf-processing\ndescription: Extract PDF text, fill forms, merge files. Use when "
                + "handling PDFs.\nlicense: Apache-2.0\ncompatibility: Requires git, docker, jq, and access to the "
                + "internet\nallowed-tools: Bash(git:*) Bash(jq:*) Read\nmetadata:\n  author: example-org\n"
                + "  version: \"1.0\"\n---\n\n# PDF\r\n";

        assertThat(folder("skill-name", minimal.getBytes(StandardCharsets.UTF_8)).name()).isEqualTo("skill-name");
        SkillFolder pdf = folder("pdf-processing", full.getBytes(StandardCharsets.UTF_8));
        assertThat(pdf.document().metadata()).containsEntry("version", "1.0");
        assertThat(pdf.document().allowedTools()).isEqualTo("Bash(git:*) Bash(jq:*) Read");
        assertThat(pdf.skillMd().content()).isEqualTo(full.getBytes(StandardCharsets.UTF_8));
        assertThat(folder(null, full.getBytes(StandardCharsets.UTF_8)).name()).isEqualTo("pdf-processing");
    }

    private static SkillFolder folder(String folder, byte[] skillMd) {
        return SkillFolder.of(folder, List.of(new SkillFile(SkillFolder.SKILL_MD, skillMd, false)), MAX_SKILL_MD);
    }
}
