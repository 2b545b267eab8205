package dev.ratchet.workspace.verify;

import dev.ratchet.core.event.BlobRef;

/** Where a verification keeps what is too big for an event (check output, screenshots): the session's blobs. */
@FunctionalInterface
public interface Artifacts {

    /** Stores {@code content} and returns its reference. */
    BlobRef put(String content);
}
