package dev.ratchet.core.patch;

/** A {@link FileTree} that keeps git's executable bit, so that a patch's {@code new file mode 100755} is kept. */
public interface FileModes {

    boolean isExecutable(String path);

    void setExecutable(String path, boolean executable);
}
