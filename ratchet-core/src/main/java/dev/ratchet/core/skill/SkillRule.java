package dev.ratchet.core.skill;

/**
 * Every rule a skill upload is checked against: the Agent Skills specification's (front matter, name, lengths) and
 * the registry's own bounds on archives (paths, links, sizes). Each violation names its rule by {@link #id()}; the
 * table in skills-registry/README.md lists them in this order.
 */
public enum SkillRule {

    SKILL_MD_MISSING("skill-md-missing", "the folder has no SKILL.md at its root"),
    SKILL_MD_TOO_LARGE("skill-md-too-large", "SKILL.md is larger than the configured limit"),
    UTF8("utf-8", "SKILL.md is not valid UTF-8"),
    FRONT_MATTER_MISSING("front-matter-missing", "SKILL.md does not start with a '---' line"),
    FRONT_MATTER_UNCLOSED("front-matter-unclosed", "the front matter has no closing '---' line"),
    FRONT_MATTER_YAML("front-matter-yaml", "the front matter is not valid YAML"),
    FRONT_MATTER_MAPPING("front-matter-mapping", "the front matter is not a mapping of fields"),
    DUPLICATE_FIELD("duplicate-field", "a front matter field is given twice"),
    UNKNOWN_FIELD("unknown-field", "a top-level field the specification does not define"),
    REQUIRED("required", "name and description must be present"),
    FIELD_TYPE("field-type", "a field has the wrong YAML type (text, or a mapping for metadata)"),
    NAME_LENGTH("name-length", "name must be 1-64 characters"),
    NAME_CHARACTERS("name-characters", "name may only hold a-z, 0-9 and '-'"),
    NAME_HYPHENS("name-hyphens", "name must not start or end with '-' or hold '--'"),
    NAME_FOLDER("name-folder", "name must equal the skill's folder name"),
    NAME_RESERVED("name-reserved", "the name is a path of the registry's API"),
    DESCRIPTION_LENGTH("description-length", "description must be 1-1024 characters, not blank"),
    COMPATIBILITY_LENGTH("compatibility-length", "compatibility must be 1-500 characters"),
    METADATA_STRING("metadata-string", "metadata maps text keys to text values"),
    ARCHIVE_FORMAT("archive-format", "the body is not a readable zip or tar.gz"),
    ARCHIVE_LAYOUT("archive-layout", "SKILL.md must be at the archive's root or in its one top-level folder"),
    ARCHIVE_ABSOLUTE_PATH("archive-absolute-path", "an entry's path is absolute"),
    ARCHIVE_PARENT_PATH("archive-parent-path", "an entry's path has a '..' segment (zip-slip)"),
    ARCHIVE_INVALID_PATH("archive-invalid-path", "an entry's path has a '\\', a control character or an empty "
            + "segment"),
    ARCHIVE_SYMLINK("archive-symlink", "an entry is a symbolic link"),
    ARCHIVE_SPECIAL_ENTRY("archive-special-entry", "an entry is a hard link, device or pipe, not a file"),
    ARCHIVE_DUPLICATE("archive-duplicate", "two entries have the same path"),
    ARCHIVE_TOO_MANY_FILES("archive-too-many-files", "more files than the configured limit"),
    ARCHIVE_TOO_LARGE("archive-too-large", "more bytes, once inflated, than the configured limit"),
    ARCHIVE_COMPRESSION_RATIO("archive-compression-ratio", "inflated bytes over the configured multiple of the "
            + "compressed bytes read (a zip bomb)");

    private final String id;
    private final String meaning;

    SkillRule(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    /** The rule's name in problems, e.g. {@code name-folder}. */
    public String id() {
        return id;
    }

    public String meaning() {
        return meaning;
    }

    /** A violation of this rule by {@code field} (a front matter field, {@code SKILL.md}, or an archive path). */
    public SkillViolation at(String field, String message) {
        return new SkillViolation(this, field, message);
    }
}
