package dev.ratchet.core.patch;

import java.util.Optional;

/** The files a patch is applied to: a directory on disk in the services, a map in tests. */
public interface FileTree {

    Optional<String> read(String path);

    void write(String path, String content);

    void delete(String path);
}
