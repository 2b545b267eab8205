package dev.ratchet.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Whether a program is on PATH, for scenarios that skip when theirs is absent (Chromium, node, mvn). */
final class Programs {

    private Programs() {
    }

    /** {@code programs}: one name, or alternatives separated by {@code |} ({@code chromium|chromium-browser}). */
    static boolean onPath(String programs) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(programs.split("\\|")).anyMatch(program -> Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, program)).anyMatch(Files::isExecutable));
    }
}
