package dev.ratchet.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Remembers, for one clone, the commit reached after each prefix of the session's patch chain. Moving to the next
 * step then costs one checkout and one {@code git apply} instead of replaying the whole chain. A prefix is
 * identified by the hash of its patches, so a chain that changed underneath (it never should) is replayed, not
 * trusted.
 * <p>
 * When the index already holds the chain's next patch on the current commit (the verifier applied it with
 * {@code --index}, or the executor staged it as its diff, and that attempt was the one accepted), moving on is a
 * commit of that index, and a {@code git clean} after the executor's (whose model may have left ignored files): one
 * or two git processes instead of four (checkout, clean, apply, commit), which were most of a warm attempt's
 * workspace time (docs/BENCHMARKS.md, Where a single session's orchestration
 * goes). A staged patch is known by its hash, so any other patch, or any write after it, takes the full path.
 */
final class PatchChainCache {

    private final Path dir;
    private String base;
    private final List<String> prefixHashes = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();
    /** The commit checked out (detached); null until the first checkout. */
    private String head;
    /** Whether nothing was staged since the last checkout: only the first staging on it can be trusted. */
    private boolean untouched;
    /** Hash of the one patch the index holds on {@link #head} with a matching working tree, or null. */
    private String staged;
    /**
     * Whether the working tree may hold files the index does not (the executor's ignored files); false after an
     * apply to a tree nothing else wrote since its checkout, which had cleaned it.
     */
    private boolean stagedLeavesFiles;

    PatchChainCache(Path dir) {
        this.dir = dir;
    }

    void checkout(String baseCommit, List<String> patches) {
        if (!baseCommit.equals(base)) {
            ensureCommit(baseCommit);
            base = baseCommit;
            prefixHashes.clear();
            commits.clear();
        }
        List<String> wanted = prefixHashes(patches);
        int reuse = 0;
        while (reuse < wanted.size() && reuse < prefixHashes.size()
                && wanted.get(reuse).equals(prefixHashes.get(reuse))) {
            reuse++;
        }
        prefixHashes.subList(reuse, prefixHashes.size()).clear();
        commits.subList(reuse, commits.size()).clear();
        String from = reuse == 0 ? base : commits.get(reuse - 1);
        String next = reuse < patches.size() ? patches.get(reuse) : null;
        String stagedPatch = staged;
        staged = null;
        untouched = false;
        if (from.equals(head) && next != null && stagedPatch != null && stagedPatch.equals(sha256(next))) {
            commit(reuse, wanted.get(reuse));
            if (stagedLeavesFiles) {
                Git.run(dir, "clean", "-q", "-f", "-d", "-x");
            }
            reuse++;
        } else {
            Git.run(dir, "checkout", "-q", "-f", "--detach", from);
            Git.run(dir, "clean", "-q", "-f", "-d", "-x");
            head = from;
        }
        for (int k = reuse; k < patches.size(); k++) {
            String patch = patches.get(k);
            if (!patch.isBlank()) {
                Git.runWithInput(dir, patch, "apply", "--index", "--whitespace=nowarn", "-");
            }
            commit(k, wanted.get(k));
        }
        untouched = true;
    }

    /**
     * {@code git apply --index} of {@code patch} succeeded: the index and the tracked working tree hold it on the
     * checked-out commit, if nothing else changed them since the checkout (else nothing is trusted).
     */
    void applied(String patch) {
        staged = untouched && !patch.isBlank() ? sha256(patch) : null;
        stagedLeavesFiles = false;
        untouched = false;
    }

    /**
     * {@code git add -A} then {@code diff}: the index holds exactly the checked-out commit plus {@code diff}, whatever
     * was written before; what {@code add} leaves out (ignored files) the commit's {@code git clean} removes.
     */
    void diffed(String diff) {
        staged = diff.isBlank() ? null : sha256(diff);
        stagedLeavesFiles = true;
        untouched = false;
    }

    /** The working tree may be written outside git from now on: nothing staged describes it any more. */
    void touched() {
        staged = null;
        untouched = false;
    }

    private void commit(int index, String prefixHash) {
        Git.run(dir, "commit", "-q", "--allow-empty", "--no-verify", "-m", "ratchet: accepted patch " + (index + 1));
        head = detachedHead();
        commits.add(head);
        prefixHashes.add(prefixHash);
    }

    /** The checked-out commit, read from .git/HEAD (detached, so it holds the sha): one process less per patch. */
    private String detachedHead() {
        try {
            String head = java.nio.file.Files.readString(dir.resolve(".git/HEAD")).strip();
            return head.startsWith("ref:") ? Git.run(dir, "rev-parse", "HEAD").strip() : head;
        } catch (java.io.IOException e) {
            return Git.run(dir, "rev-parse", "HEAD").strip();
        }
    }

    private void ensureCommit(String commit) {
        if (!Git.tryRun(dir, null, "cat-file", "-e", commit + "^{commit}").ok()) {
            Git.run(dir, "fetch", "-q", "origin", commit);
        }
    }

    private static List<String> prefixHashes(List<String> patches) {
        List<String> hashes = new ArrayList<>();
        String previous = "";
        for (String patch : patches) {
            previous = sha256(previous + "\n" + sha256(patch));
            hashes.add(previous);
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
