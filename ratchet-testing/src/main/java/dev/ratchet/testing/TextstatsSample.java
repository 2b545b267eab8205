package dev.ratchet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.patch.ApplyPatch;
import dev.ratchet.core.patch.PatchApplier;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.ProcessRunner;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;

/**
 * Test data for the demo's sample: its repository as a committed git copy, the demo plan's steps as
 * {@link StepWork}, and unified diffs made from the scenario's apply_patch files, independently of the service
 * under test.
 */
public final class TextstatsSample {

    public static final String GOAL = "Add word statistics to textstats: word_count, top_words and a command-line "
            + "entry point";
    public static final Check UNIT_TESTS = new Check("unit-tests", "python3 -m unittest discover -s tests -t .", 60);
    public static final int CONTEXT_BUDGET = 8000;

    public final Path repo;
    public final String baseCommit;
    private final Path scratch;
    private final Workspaces workspaces;
    private final JsonNode plan;

    private TextstatsSample(Path repo, Path scratch) {
        this.repo = repo;
        this.baseCommit = Git.headCommit(repo);
        this.scratch = scratch;
        this.workspaces = new Workspaces(scratch.resolve("workspaces"), Duration.ofMinutes(30));
        try {
            this.plan = Json.mapper().readTree(Files.readString(Examples.scenario("textstats/plan.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TextstatsSample create() {
        try {
            Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "textstats-");
            Path repo = Examples.gitCopy("textstats", Files.createDirectories(root.resolve("repo")));
            return new TextstatsSample(repo, Files.createDirectories(root.resolve("scratch")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Step {@code index} (0-based) of the demo plan, starting after {@code acceptedPatches} accepted patches. */
    public StepWork step(int index, int acceptedPatches) {
        JsonNode step = plan.path("steps").get(index);
        return new StepWork(acceptedPatches, index, plan.path("steps").size(), step.path("title").asText(),
                step.path("instructions").asText(), GOAL);
    }

    /** A one-step piece of work with its own title, for scenario rules that match on the title. */
    public StepWork single(String title, String instructions) {
        return new StepWork(0, 0, 1, title, instructions, GOAL);
    }

    /**
     * A session on this sample as the planner stores it (what executors and verifiers read): the demo's goal, the
     * sample's unit tests unless other checks are given, the default step policy.
     */
    public Session session(String id, Check... checks) {
        return Session.created(id, repo.toString(), GOAL, baseCommit,
                checks.length == 0 ? List.of(UNIT_TESTS) : List.of(checks), StepPolicy.DEFAULTS, Instant.now());
    }

    public static String applyPatch(String file) {
        try {
            return Files.readString(Examples.scenario("textstats/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unified diff an apply_patch file makes on top of the base commit plus {@code chain}. */
    public String diff(List<String> chain, String applyPatchFile) {
        try (Workspace ws = workspaces.lease(UUID.randomUUID().toString(), repo.toString(), baseCommit, chain)) {
            PatchApplier.apply(ApplyPatch.parse(applyPatch(applyPatchFile)), ws.tree());
            return ws.diff();
        }
    }

    /** The accepted patch chain the given apply_patch files make, one after the other, from the base commit. */
    public List<String> chain(String... applyPatchFiles) {
        List<String> chain = new ArrayList<>();
        for (String file : applyPatchFiles) {
            chain.add(diff(List.copyOf(chain), file));
        }
        return List.copyOf(chain);
    }

    /**
     * What {@code git apply --check} says about {@code diff} on a fresh clone of the sample at the base commit with
     * {@code chain} applied: empty when it applies cleanly.
     */
    public Optional<String> applyCheck(List<String> chain, String diff) {
        Path dir = scratch.resolve("clone-" + UUID.randomUUID());
        Git.run(scratch, "clone", "-q", repo.toString(), dir.getFileName().toString());
        Git.run(dir, "checkout", "-q", "--detach", baseCommit);
        for (String patch : chain) {
            Git.runWithInput(dir, patch, "apply", "--index", "-");
        }
        ProcessRunner.Result result = Git.tryRun(dir, diff, "apply", "--check", "-");
        return result.ok() ? Optional.empty() : Optional.of(result.output());
    }
}
