package dev.ratchet.planner.hooks;

import java.nio.file.Path;

import dev.ratchet.testing.Examples;
import dev.ratchet.workspace.Git;

/**
 * The clone the test configuration maps CloudEvents' repository names to ({@code acme/app} for team {@code test},
 * {@code other/app} for team {@code elsewhere}), and a GitLab pipeline failure as a CI system sends it.
 */
final class MappedClone {

    private MappedClone() {
    }

    /** A fresh copy of the textstats example at the mapped path; its HEAD commit. */
    static String fresh() {
        Path clone = Path.of(System.getProperty("java.io.tmpdir"), "ratchet-cloudevent-tests", "app");
        return Git.headCommit(Examples.freshGitCopy("textstats", clone));
    }

    /** A {@code com.gitlab.pipeline.failed} event in structured mode. */
    static String gitlabPipelineFailed(String id, String project, String sha, int pipeline) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "https://gitlab.example.com/%s",
                 "type": "com.gitlab.pipeline.failed", "time": "2026-11-30T09:00:00Z",
                 "data": {"project": "%s", "ref": "main", "sha": "%s", "pipeline": {"id": %d}}}
                """.formatted(id, project, project, sha, pipeline);
    }
}
