package dev.ratchet.verifier.step;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

@ConfigMapping(prefix = "ratchet.verifier")
public interface VerifierConfig {

    /**
     * How much of a check's output (its end) a verdict carries and the executor sees on a retry. The whole captured
     * output (up to 64 KiB) is a blob; 4 KiB each keeps a verdict with 20 checks near 100 KiB, under the 256 KiB
     * event limit.
     */
    @WithDefault("4096")
    int outputTailBytes();

    /** Attempts this process verifies at once (checks run as child processes). */
    @WithDefault("4")
    int concurrency();

    /**
     * How long a check's result stays in the verification cache: 7 days covers a session's retries and replays and
     * a week of identical trees across sessions; a tree not seen for that long is checked again.
     */
    @WithDefault("7d")
    Duration cacheTtl();

    /**
     * The Chromium browser checks run: a path, or {@code none} to skip every browser check; unset, Debian's
     * {@code chromium} (or {@code chromium-browser}) on PATH or in the system directories.
     */
    Optional<String> chromium();

    Sandbox sandbox();

    /** Checks as Kubernetes Jobs ({@code ratchet.verifier.sandbox=kubernetes}). */
    Kubernetes kubernetes();

    /** The check sandbox ({@code SandboxRunner}): one per verifier, made at start-up. */
    interface Sandbox {

        /**
         * Where command checks run: {@code process} (this machine's sandbox, the default) or {@code kubernetes} (a
         * Job each, {@code ratchet.verifier.kubernetes.*}). Browser checks stay in this machine's sandbox.
         */
        @WithParentName
        @WithDefault(PROCESS)
        String mode();

        String PROCESS = "process";
        String KUBERNETES = "kubernetes";

        /** The strongest isolation to try: {@code bubblewrap}, {@code unshare} or {@code none}; weaker ones follow. */
        @WithDefault("bubblewrap")
        String isolation();

        /** Where the throwaway copies are made; reachable by {@code run-as-uid}. Default: java.io.tmpdir. */
        Optional<String> baseDir();

        /** Address space of each process: 4 GiB lets a JVM test suite start and stops a 6 GiB allocation. */
        @WithDefault("4294967296")
        long memoryBytes();

        /** Processes and threads of a check: a Maven build with a forked test JVM runs about 150. */
        @WithDefault("1024")
        int processes();

        /** Largest file a check may write: 1 GiB. */
        @WithDefault("1073741824")
        long fileSizeBytes();

        /** Output kept from the start of a check (16 KiB) ... */
        @WithDefault("16384")
        int captureHeadBytes();

        /** ... and from its end (48 KiB): 64 KiB in all, stored as a blob. */
        @WithDefault("49152")
        int captureTailBytes();

        /** The user checks run as when the verifier runs as root (the kernel never limits root's processes). */
        @WithDefault("65534")
        int runAsUid();

        @WithDefault("65534")
        int runAsGid();

        /** Variables passed from the verifier's environment besides PATH, LANG, LC_ALL (never RATCHET_* or secrets). */
        Optional<List<String>> passEnv();
    }

    /** How a check runs as a Kubernetes Job (ratchet-k8s {@code CheckJobSettings}; docs/KUBERNETES.md). */
    interface Kubernetes {

        /**
         * The image checks run in: it needs sh and coreutils, and the project's toolchain. application.properties
         * tags the verifier's own with the project version.
         */
        @WithDefault("ratchet/verifier-service")
        String image();

        /** The ReadWriteMany PersistentVolumeClaim the verifier and the Jobs share (k8s/overlays/prod-check-jobs). */
        @WithDefault("ratchet-check-workspaces")
        String workspaceClaim();

        /** Where the verifier mounts that claim; each check's copy is a directory under it, the Job's subPath. */
        @WithDefault("/var/lib/ratchet/check-jobs")
        String workspaceDir();

        /** CPU the scheduler reserves for a check, and what it may use (2 cores: a Maven test run's fork). */
        @WithDefault("250m")
        String cpuRequest();

        @WithDefault("2")
        String cpuLimit();

        /** Memory reserved for a check; the limit is ratchet.verifier.sandbox.memory-bytes. */
        @WithDefault("512Mi")
        String memoryRequest();

        /** The checks' user: the verifier's own (185 in the images), so a check can write to its copy. */
        @WithDefault("185")
        long runAsUid();

        @WithDefault("185")
        long runAsGid();

        /** Added to a check's timeout for the Job's deadline: scheduling and an image pull take up to a minute. */
        @WithDefault("60s")
        Duration startAllowance();

        /** How long a finished Job stays if the verifier could not delete it (it deletes each one it ran). */
        @WithDefault("10m")
        Duration ttlAfterFinished();

        /** The verifier's pod (downward API), owner of its Jobs, so that they go with it. */
        Optional<String> ownerPodName();

        Optional<String> ownerPodUid();
    }
}
