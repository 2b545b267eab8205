package dev.ratchet.workspace.browser;

import java.util.List;

import dev.ratchet.workspace.sandbox.SandboxResult;

/**
 * What a browser check did: the sandboxed run (server, probe and browser together; exit 0 when every page loaded
 * without an HTTP error, a console error or a failed request) and a screenshot per page; or why it was skipped.
 *
 * @param sandbox null when skipped
 * @param skipped why the check did not run; null when it ran
 */
public record BrowserRun(SandboxResult sandbox, String skipped, List<Page> pages) {

    public BrowserRun {
        pages = List.copyOf(pages);
    }

    /** A page the check loaded and its screenshot (PNG bytes). */
    public record Page(String path, byte[] png) {
    }
}
