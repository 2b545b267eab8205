package dev.ratchet.workspace.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds and kills a check's processes by a marker in their environment, for the isolation without a pid
 * namespace: {@code setsid cmd &} and double forks leave the check's session and process tree, but they keep the
 * environment they were started with (unless they replace it themselves, which this cannot catch).
 */
final class Leftovers {

    static final String MARKER = "CHECK_SANDBOX_ID";
    /** A dying parent can still fork; a few rounds catch its last children. 100 is far more than ever needed. */
    private static final int MAX_ROUNDS = 100;

    private Leftovers() {
    }

    /** Kills every process carrying {@code id} until none is left; returns how many were killed. */
    static int kill(String id) {
        byte[] needle = (MARKER + "=" + id + "\0").getBytes(StandardCharsets.UTF_8);
        int killed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Long> pids = find(needle);
            if (pids.isEmpty()) {
                return killed;
            }
            for (long pid : pids) {
                killed += ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false) ? 1 : 0;
            }
        }
        return killed;
    }

    private static List<Long> find(byte[] needle) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                if (contains(read(dir.resolve("environ")), needle)) {
                    pids.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list processes in /proc", e);
        }
        return pids;
    }

    private static byte[] read(Path environ) {
        try {
            return Files.readAllBytes(environ);
        } catch (IOException e) {
            // Gone already, or another user's process: not one of ours (checks run as our user or one we switched to).
            return new byte[0];
        }
    }

    private static boolean contains(byte[] environ, byte[] needle) {
        for (int at = 0; at + needle.length <= environ.length; at++) {
            if ((at == 0 || environ[at - 1] == 0)
                    && Arrays.equals(environ, at, at + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
