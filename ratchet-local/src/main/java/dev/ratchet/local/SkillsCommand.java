package dev.ratchet.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.SkillInvalidException;
import dev.ratchet.core.skill.archive.ArchiveLimits;
import dev.ratchet.core.skill.archive.SkillArchives;

/**
 * {@code ./ratchet skills import DIR} and {@code ./ratchet skills export DIR}: skill folders between disk and the
 * registry of the running {@code ./ratchet up} with its development key (or {@code --registry URL} with the key in
 * {@code --key-file PATH} or {@code RATCHET_API_KEY}). Import takes a skill folder, a folder of
 * skills, or a repository with any of the layouts agents read; each skill is checked here by the registry's own
 * rules before it is sent. Export writes every skill (or those named) into DIR, or into DIR's layout with
 * {@code --layout}, byte for byte; a different folder already there is left alone unless {@code --overwrite}.
 */
final class SkillsCommand {

    /** What an export accepts from the registry: its own upload limits, with room. */
    private static final ArchiveLimits EXPORT_LIMITS = new ArchiveLimits(10_000, 1L << 30, 1000, 1L << 20,
            64 << 20);

    /** The Agent Skills name rule: a name becomes part of a URL path and a folder's name. */
    private static final Pattern SKILL_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private SkillsCommand() {
    }

    /** Returns the exit code: 0 done, 1 a skill rejected or skipped or the registry unreachable, 64 a usage error. */
    static int run(LocalLayout layout, List<String> args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String registry = null;
        String keyFile = null;
        String layoutName = null;
        boolean overwrite = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean valued = i + 1 < args.size();
            if (arg.equals("--registry") && valued) {
                registry = args.get(++i);
            } else if (arg.equals("--key-file") && valued) {
                keyFile = args.get(++i);
            } else if (arg.equals("--layout") && valued) {
                layoutName = args.get(++i);
            } else if (arg.equals("--name") && valued) {
                names.add(args.get(++i));
            } else if (arg.equals("--overwrite")) {
                overwrite = true;
            } else if (arg.startsWith("-")) {
                return usage(err, "unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 2 || !List.of("import", "export").contains(positional.get(0))) {
            return usage(err, "skills takes 'import DIR' or 'export DIR'");
        }
        boolean export = positional.get(0).equals("export");
        if (!export && (layoutName != null || !names.isEmpty() || overwrite)) {
            return usage(err, "--layout, --name and --overwrite are options of export");
        }
        if (names.stream().anyMatch(n -> n.length() > SkillDocument.MAX_NAME || !SKILL_NAME.matcher(n).matches())) {
            return usage(err, "--name takes a skill's name: 1 to " + SkillDocument.MAX_NAME + " characters of a-z, "
                    + "0-9 and single hyphens");
        }
        if (layoutName != null && !SkillFolders.LAYOUTS.containsKey(layoutName)) {
            return usage(err, "--layout takes ratchet, claude, codex or agents");
        }
        Optional<ApiEndpoint> api = ClusterState.api(layout, "skills-registry", registry, keyFile);
        if (api.isEmpty()) {
            err.println("ratchet: no cluster is running (./ratchet up); pass --registry http://host:8083");
            return 1;
        }
        Path dir = Path.of(positional.get(1)).toAbsolutePath().normalize();
        SkillsClient client = new SkillsClient(api.get());
        try {
            return export ? export(client, layoutName == null ? dir : dir.resolve(SkillFolders.LAYOUTS.get(
                    layoutName)), names, overwrite, out, err) : importAll(client, dir, out, err);
        } catch (IllegalStateException e) {
            err.println("ratchet: " + e.getMessage());
            return 1;
        }
    }

    private static int importAll(SkillsClient client, Path dir, PrintStream out, PrintStream err) {
        List<Path> folders = SkillFolders.find(dir);
        if (folders.isEmpty()) {
            err.println("ratchet: no skills in " + dir + " (a SKILL.md in it, in its sub-folders, or in "
                    + String.join(", ", SkillFolders.LAYOUTS.values().stream().sorted().toList()) + ")");
            return 1;
        }
        int failed = 0;
        for (Path folder : folders) {
            if (!importOne(client, folder, out, err)) {
                failed++;
            }
        }
        out.println((folders.size() - failed) + " of " + folders.size() + " skills imported");
        return failed == 0 ? 0 : 1;
    }

    private static boolean importOne(SkillsClient client, Path path, PrintStream out, PrintStream err) {
        SkillFolder folder;
        try {
            folder = SkillFolder.of(path.getFileName().toString(), SkillFolders.read(path),
                    ArchiveLimits.DEFAULTS.maxSkillMdBytes());
        } catch (SkillInvalidException e) {
            err.println("rejected " + path + ":");
            e.violations().forEach(v -> err.println("  " + v.rule().id() + " (" + v.field() + "): " + v.message()));
            return false;
        } catch (IllegalArgumentException e) {
            err.println("rejected " + path + ": " + e.getMessage());
            return false;
        }
        SkillsClient.Answer answer = client.upload(SkillArchives.writeZip(folder));
        JsonNode body = answer.body();
        if (answer.status() == 200 || answer.status() == 201) {
            String what = body.path("newSkill").asBoolean() ? "new skill" : body.path("newVersion").asBoolean()
                    ? "new version" : "unchanged";
            out.println("imported " + body.path("name").asText() + "@" + body.path("version").asInt() + " (" + what
                    + ") from " + path);
            return true;
        }
        err.println("rejected " + path + " by the registry (" + answer.status() + "): " + body.path("detail")
                .asText());
        body.path("errors").forEach(e -> err.println("  " + e.path("rule").asText("") + " (" + e.path("field")
                .asText() + "): " + e.path("message").asText()));
        return false;
    }

    private static int export(SkillsClient client, Path root, List<String> only, boolean overwrite,
            PrintStream out, PrintStream err) {
        List<String> names = only.isEmpty() ? client.names() : only;
        int skipped = 0;
        for (String name : names) {
            SkillFolder folder = SkillArchives.read(client.archive(name), EXPORT_LIMITS);
            Path target = root.resolve(folder.name());
            if (SkillFolders.holds(target, folder)) {
                out.println("unchanged " + folder.name() + " in " + target);
            } else if (Files.exists(target) && !overwrite) {
                err.println("skipped " + folder.name() + ": " + target + " exists and differs (--overwrite "
                        + "replaces it)");
                skipped++;
            } else {
                LocalLayout.deleteTree(target);
                SkillFolders.write(target, folder);
                out.println("exported " + folder.name() + " to " + target + " (" + folder.files().size() + " files)");
            }
        }
        out.println((names.size() - skipped) + " of " + names.size() + " skills in " + root);
        return skipped == 0 ? 0 : 1;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ratchet: " + problem);
        err.println("""
                usage: ./ratchet skills import DIR [--registry URL] [--key-file PATH]
                       ./ratchet skills export DIR [--layout ratchet|claude|codex|agents] [--name NAME]...
                                                   [--overwrite] [--registry URL] [--key-file PATH]""");
        return Main.USAGE;
    }
}
