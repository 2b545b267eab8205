package dev.ratchet.local.client;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ratchet skills list|show|search|trust|untrust}: the skills registry as a person browses it.
 * ({@code skills import} and {@code export} move skill folders; they are {@code SkillsCommand}'s.)
 */
final class SkillsCommands {

    /** The words after {@code skills} that are the client's. */
    static final Set<String> NAMES = Set.of("list", "show", "search", "trust", "untrust");

    private SkillsCommands() {
    }

    @Command(name = "skills", description = "Browse the skills registry: list, show, search, trust, untrust")
    static final class Group {
    }

    @Command(name = "list", description = "The skills, by name, with their status and latest version")
    static final class ListSkills extends ClientCommand {

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (1 to 500)")
        int limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "The next page, as the previous one named it")
        String cursor;

        ListSkills(Context context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode page = skills().page(cursor, limit);
            if (json) {
                print(page);
                return Exit.DONE;
            }
            for (JsonNode s : page.path("items")) {
                out().printf("%-40s  v%-3d %-9s  %s%n", s.path("name").asText(), s.path("latest").asInt(),
                        s.path("status").asText(), Text.oneLine(s.path("description").asText(), 80));
            }
            if (page.hasNonNull("nextCursor")) {
                out().println("more: --cursor " + page.path("nextCursor").asText());
            }
            return Exit.DONE;
        }
    }

    @Command(name = "show", description = "One skill: status, statistics, versions, and its SKILL.md")
    static final class ShowSkill extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The skill's name")
        String name;

        ShowSkill(Context context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode skill = skills().skill(name);
            if (json) {
                print(skill);
                return Exit.DONE;
            }
            out().println("skill " + skill.path("name").asText() + " v" + skill.path("latest").asInt() + " "
                    + skill.path("status").asText() + (skill.hasNonNull("statusReason") ? ": "
                    + Text.oneLine(skill.path("statusReason").asText(), 160) : ""));
            JsonNode stats = skill.path("stats");
            out().println("  origin: " + skill.path("origin").asText() + ", captured from "
                    + skill.path("sourceSession").asText());
            if (stats.isObject()) {
                out().println("  stats:  " + Text.oneLine(stats.toString(), 200));
            }
            out().println();
            // SKILL.md is text a person or a model wrote: shown as it is, bar terminal escapes.
            skills().skillMd(name).lines().map(l -> l.replaceAll("\\p{Cntrl}", " ")).forEach(out()::println);
            return Exit.DONE;
        }
    }

    @Command(name = "search", description = "Skills ranked for a query, with their scores and why each matched")
    static final class SearchSkills extends ClientCommand {

        @Parameters(index = "0", paramLabel = "QUERY", description = "What you are looking for")
        String query;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "At most N (1 to 50)")
        int limit;

        SearchSkills(Context context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode hits = skills().search(query, limit);
            if (json) {
                print(hits);
                return Exit.DONE;
            }
            for (JsonNode hit : hits.path("hits")) {
                out().printf("%.2f  %-40s  v%-3d %-9s  %s%n", hit.path("score").asDouble(), hit.path("name").asText(),
                        hit.path("version").asInt(), hit.path("status").asText(),
                        Text.oneLine(hit.path("why").asText(), 80));
            }
            if (hits.path("hits").isEmpty()) {
                out().println("no skill matches (" + hits.path("mode").asText() + " search)");
            }
            return Exit.DONE;
        }
    }

    @Command(name = "trust", description = "Approve a skill: the planner may replay it without the planner model")
    static final class TrustSkill extends Decision {

        TrustSkill(Context context) {
            super(context);
        }

        @Override
        JsonNode decide() {
            return skills().trust(name);
        }
    }

    @Command(name = "untrust", description = "Withdraw trust: the planner asks its model again until replays after "
            + "this earn the skill trust")
    static final class UntrustSkill extends Decision {

        UntrustSkill(Context context) {
            super(context);
        }

        @Override
        JsonNode decide() {
            return skills().untrust(name);
        }
    }

    /** A person's word on one skill (trust or untrust), answered with the status it leaves the skill in. */
    abstract static class Decision extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The skill's name")
        String name;

        Decision(Context context) {
            super(context);
        }

        abstract JsonNode decide();

        @Override
        public Integer call() {
            JsonNode skill = decide();
            if (json) {
                print(skill);
            } else {
                out().println("skill " + name + " " + skill.path("status").asText());
            }
            return Exit.DONE;
        }
    }
}
