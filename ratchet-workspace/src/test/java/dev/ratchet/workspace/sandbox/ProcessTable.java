package dev.ratchet.workspace.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host's view of running processes, for tests that must see a check's processes from outside its sandbox. */
final class ProcessTable {

    private ProcessTable() {
    }

    /** How many processes (zombies included: the kernel still counts them against the process limit) uid has. */
    static long countOwnedBy(int uid) throws IOException {
        long count = 0;
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    count += Files.readAllLines(dir.resolve("status")).stream()
                            .anyMatch(line -> line.matches("Uid:\\s+" + uid + "\\s.*")) ? 1 : 0;
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return count;
    }

    /** Host pids of live processes with {@code argument} among their arguments (zombies have none). */
    static List<Long> withArgument(String argument) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    continue;
                }
                if (List.of(cmdline.split("\0")).contains(argument)) {
                    pids.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        }
        return pids;
    }
}
