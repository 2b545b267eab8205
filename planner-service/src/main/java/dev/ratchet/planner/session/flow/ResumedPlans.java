package dev.ratchet.planner.session.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import dev.ratchet.core.files.ResumeFiles;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.runtime.rest.ProblemException;

/**
 * Reads a repository's PLAN.md and PROGRESS.md for {@code "resume": true}: from {@code .ratchet/} (where a result
 * branch keeps them) or else the repository's root, both from the same folder of the working tree. Trusts nothing:
 * each path is resolved to its real path and must stay inside the repository's (a symbolic link out is refused), must
 * be a regular file of at most {@link ResumeFiles#MAX_BYTES} and valid UTF-8; core {@link ResumeFiles} reads them.
 * Every refusal is a 422 naming {@code resume} and saying why.
 */
final class ResumedPlans {

    private static final List<String> FOLDERS = List.of(".ratchet", "");

    private ResumedPlans() {
    }

    static ResumeFiles.Resume read(Path repo, int maxSteps) {
        try {
            Path root = repo.toRealPath();
            Path folder = FOLDERS.stream().map(root::resolve)
                    .filter(f -> Files.exists(f.resolve("PLAN.md"), LinkOption.NOFOLLOW_LINKS)).findFirst()
                    .orElseThrow(() -> refused("the repository has no PLAN.md (in .ratchet/ or at its root)"));
            return ResumeFiles.parse(text(root, folder.resolve("PLAN.md")), text(root, folder.resolve("PROGRESS.md")),
                    maxSteps);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        } catch (IOException e) {
            throw refused("cannot read the repository's files: " + e.getMessage());
        }
    }

    private static String text(Path root, Path file) throws IOException {
        String name = root.relativize(file).toString();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(name + " is missing");
        }
        Path real = file.toRealPath();
        if (!real.startsWith(root)) {
            throw refused(name + " resolves outside the repository");
        }
        if (!Files.isRegularFile(real)) {
            throw refused(name + " is not a regular file");
        }
        if (Files.size(real) > ResumeFiles.MAX_BYTES) {
            throw refused(name + " is larger than " + ResumeFiles.MAX_BYTES / 1024 + " KiB");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(real))).toString();
        } catch (CharacterCodingException e) {
            throw refused(name + " is not UTF-8 text");
        }
    }

    private static ProblemException refused(String why) {
        return ProblemException.unprocessable("Cannot resume", "resume: " + why,
                List.of(new FieldViolation("resume", why)));
    }
}
