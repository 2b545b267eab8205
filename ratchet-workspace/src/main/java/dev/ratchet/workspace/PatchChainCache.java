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
 */
final class PatchChainCache {

    private final Path dir;
    private String base;
    private final List<String> prefixHashes = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();

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
        Git.run(dir, "checkout", "-q", "-f", "--detach", reuse == 0 ? base : commits.get(reuse - 1));
        Git.run(dir, "clean", "-q", "-f", "-d", "-x");
        for (int k = reuse; k < patches.size(); k++) {
            String patch = patches.get(k);
            if (!patch.isBlank()) {
                Git.runWithInput(dir, patch, "apply", "--index", "--whitespace=nowarn", "-");
            }
            Git.run(dir, "commit", "-q", "--allow-empty", "--no-verify", "-m", "ratchet: accepted patch " + (k + 1));
            commits.add(detachedHead());
            prefixHashes.add(wanted.get(k));
        }
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
