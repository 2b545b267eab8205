package dev.ratchet.workspace.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * How checks are sandboxed.
 *
 * @param baseDir where the throwaway copies are made (each runner makes its own directory under it); it must be
 *        reachable by {@code runAsUid}, so not under a 0700 directory
 * @param strongest the strongest isolation to try; weaker ones are tried when it does not work here
 * @param limits per-process resource limits
 * @param headBytes output kept from the start of a check
 * @param tailBytes output kept from the end of a check
 * @param runAsUid when the JVM runs as root, checks run as this user, because the kernel never enforces the
 *        process limit for root; 0 keeps root (the result then says the process limit is not enforced)
 * @param runAsGid group for {@code runAsUid}
 * @param passEnv names passed on from the parent environment besides PATH, LANG and LC_ALL (e.g. JAVA_HOME);
 *        {@code RATCHET_*} and names that look like secrets are never passed, even when listed
 */
public record SandboxConfig(Path baseDir, Isolation strongest, SandboxLimits limits, int headBytes, int tailBytes,
        int runAsUid, int runAsGid, List<String> passEnv) {

    /** 16 KiB of head and 48 KiB of tail: 64 KiB in all per check, which Redis and the session API carry easily. */
    public static final int DEFAULT_HEAD_BYTES = 16 * 1024;
    public static final int DEFAULT_TAIL_BYTES = 48 * 1024;
    /** The conventional unprivileged user on Debian and most distributions. */
    public static final int NOBODY = 65534;

    public SandboxConfig {
        passEnv = List.copyOf(passEnv);
        if (headBytes < 0 || tailBytes < 0) {
            throw new IllegalArgumentException("output limits must not be negative");
        }
    }

    public static SandboxConfig defaults() {
        return new SandboxConfig(Path.of(System.getProperty("java.io.tmpdir")), Isolation.BUBBLEWRAP,
                SandboxLimits.defaults(), DEFAULT_HEAD_BYTES, DEFAULT_TAIL_BYTES, NOBODY, NOBODY, List.of());
    }

    public SandboxConfig withStrongest(Isolation isolation) {
        return new SandboxConfig(baseDir, isolation, limits, headBytes, tailBytes, runAsUid, runAsGid, passEnv);
    }

    public SandboxConfig withLimits(SandboxLimits newLimits) {
        return new SandboxConfig(baseDir, strongest, newLimits, headBytes, tailBytes, runAsUid, runAsGid, passEnv);
    }

    public SandboxConfig withOutput(int newHeadBytes, int newTailBytes) {
        return new SandboxConfig(baseDir, strongest, limits, newHeadBytes, newTailBytes, runAsUid, runAsGid, passEnv);
    }

    public SandboxConfig withBaseDir(Path dir) {
        return new SandboxConfig(dir, strongest, limits, headBytes, tailBytes, runAsUid, runAsGid, passEnv);
    }
}
