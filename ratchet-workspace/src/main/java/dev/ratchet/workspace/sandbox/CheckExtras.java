package dev.ratchet.workspace.sandbox;

import java.util.Map;

/**
 * What a check may need besides its workspace copy: files placed under its HOME before it starts (handed to the
 * check's user with the rest of the copy), a directory under HOME whose files are read back when it ends (the
 * throwaway directory is deleted right after), and limits other than the runner's.
 *
 * @param homeFiles relative path under HOME to content
 * @param collect a relative directory under HOME whose regular files come back in {@link SandboxResult#collected()};
 *        null for none
 * @param limits null for the runner's
 */
public record CheckExtras(Map<String, byte[]> homeFiles, String collect, SandboxLimits limits) {

    public static final CheckExtras NONE = new CheckExtras(Map.of(), null, null);

    public CheckExtras {
        homeFiles = Map.copyOf(homeFiles);
        for (String path : homeFiles.keySet()) {
            checkRelative(path);
        }
        if (collect != null) {
            checkRelative(collect);
        }
    }

    private static void checkRelative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.equals("..") || path.startsWith("../")
                || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("not a relative path inside HOME: " + path);
        }
    }
}
