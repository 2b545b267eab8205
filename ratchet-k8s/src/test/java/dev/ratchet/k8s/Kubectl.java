package dev.ratchet.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kubectl binary, its version and the kustomize version it embeds. CI may have only Debian 12's
 * {@code kubernetes-client} (kubectl 1.20, kustomize v2.0.3); a developer has a current one (kustomize 5): the
 * overlays must render the same objects with both.
 */
record Kubectl(Path binary, String version, String kustomizeVersion) {

    /** A render or a version query takes well under a second; a kubectl that hangs fails the test, not the build. */
    private static final long TIMEOUT_SECONDS = 60;
    /** Where Debian's package and most installers put it, looked at besides the PATH. */
    private static final Path SYSTEM = Path.of("/usr/bin/kubectl");
    /** kubectl 1.20: {@code GitVersion:"v1.20.2"}; 1.24 and later: {@code Client Version: v1.32.4}. */
    private static final Pattern VERSION =
            Pattern.compile("(?:GitVersion:\"|Client Version: )(v1\\.(\\d+)\\.[^\"\\s]*)");
    private static final Pattern KUSTOMIZE = Pattern.compile("Kustomize Version: (v\\S+)");
    /**
     * What kubectl 1.14 to 1.23 embed; they do not print it (kubernetes/kubectl CHANGELOG). 1.24 and later print
     * "Kustomize Version"; 1.13 and earlier have no kustomize.
     */
    private static final Map<Integer, String> EMBEDDED = Map.of(21, "v4.0.5", 22, "v4.2.0", 23, "v4.4.1");
    private static final int FIRST_WITH_KUSTOMIZE = 14;
    private static final int LAST_WITH_V2 = 20;

    /** The kubectl a plain {@code kubectl} command runs: the first on the PATH. */
    static Kubectl onPath() throws IOException, InterruptedException {
        List<Path> onPath = onPathInOrder();
        if (onPath.isEmpty()) {
            throw new IllegalStateException("no kubectl on the PATH (" + System.getenv("PATH")
                    + "); .ci/run installs Debian's kubernetes-client");
        }
        return of(onPath.get(0));
    }

    /** Every distinct kubectl on the PATH, and /usr/bin/kubectl: the same file reached twice counts once. */
    static List<Kubectl> found() throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>(onPathInOrder());
        if (Files.isExecutable(SYSTEM)) {
            candidates.add(SYSTEM);
        }
        Map<Path, Path> byRealPath = new LinkedHashMap<>();
        for (Path candidate : candidates) {
            byRealPath.putIfAbsent(candidate.toRealPath(), candidate);
        }
        List<Kubectl> found = new ArrayList<>();
        for (Path binary : byRealPath.values()) {
            found.add(of(binary));
        }
        return found;
    }

    static Kubectl of(Path binary) throws IOException, InterruptedException {
        String out = run(List.of(binary.toString(), "version", "--client"), binary + " version --client");
        Matcher version = VERSION.matcher(out);
        if (!version.find()) {
            throw new IllegalStateException(binary + " version --client printed no client version: " + out);
        }
        int minor = Integer.parseInt(version.group(2));
        String full = version.group(1);
        Matcher kustomize = KUSTOMIZE.matcher(out);
        String kustomizeVersion;
        if (kustomize.find()) {
            kustomizeVersion = kustomize.group(1);
        } else if (minor >= FIRST_WITH_KUSTOMIZE && minor <= LAST_WITH_V2) {
            kustomizeVersion = "v2.0.3";
        } else {
            kustomizeVersion = EMBEDDED.getOrDefault(minor, "none");
        }
        return new Kubectl(binary, full, kustomizeVersion);
    }

    /** {@code kubectl kustomize <dir>}; a failure names this kubectl and its kustomize version. */
    String kustomize(Path dir) throws IOException, InterruptedException {
        return run(List.of(binary.toString(), "kustomize", dir.toString()),
                "kubectl kustomize " + dir + " with " + this);
    }

    @Override
    public String toString() {
        return "kubectl " + version + " (kustomize " + kustomizeVersion + ") at " + binary;
    }

    private static List<Path> onPathInOrder() {
        List<Path> onPath = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path binary = Path.of(dir.isEmpty() ? "." : dir, "kubectl").toAbsolutePath();
            if (Files.isRegularFile(binary) && Files.isExecutable(binary)) {
                onPath.add(binary);
            }
        }
        return onPath;
    }

    private static String run(List<String> command, String what) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kubectl", ".out");
        Path err = Files.createTempFile("kubectl", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " ran past " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
