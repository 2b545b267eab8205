package dev.ratchet.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The leases the executors say they lost or gave up, from their logs (all their runs: a restarted service appends to its log).
 * Ratchet writes no progress entry for a lost lease, so the log is the only witness of why an attempt may have
 * started twice.
 */
final class LeaseLosses {

    /** {@code OwnedWork}: {@code executor-work: lost the lease on <session> executor:<id>; ...}. */
    private static final Pattern RENEWAL = Pattern.compile("lost the lease on \\S+ (executor:[0-9a-f-]+)");
    /** {@code LeasedConsumer}: {@code executor <id>: the lease was lost while working; ...}. */
    private static final Pattern ANSWER = Pattern.compile("executor ([0-9a-f-]+): the lease was lost while working");
    /**
     * {@code OwnedWork}: {@code executor-steps: work on <session> executor:<id> failed; giving its lease up for another
     * instance}: the work failed (Redis restarted under a write, say), and another instance may start it again.
     */
    private static final Pattern GIVEN_UP = Pattern.compile("work on \\S+ (executor:[0-9a-f-]+) failed; giving its lease up");

    private LeaseLosses() {
    }

    static List<LeaseLoss> read(Path logs) {
        List<LeaseLoss> losses = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.getFileName().toString().matches("executor-\\d+\\.log")).toList()) {
                String owner = log.getFileName().toString().replace(".log", "");
                for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                    losses.addAll(parse(owner, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the executors' logs in " + logs, e);
        }
        return losses;
    }

    static List<LeaseLoss> parse(String owner, String line) {
        List<LeaseLoss> out = new ArrayList<>();
        Matcher renewal = RENEWAL.matcher(line);
        if (renewal.find()) {
            out.add(new LeaseLoss(owner, renewal.group(1)));
        }
        Matcher answer = ANSWER.matcher(line);
        if (answer.find()) {
            out.add(new LeaseLoss(owner, "executor:" + answer.group(1)));
        }
        Matcher givenUp = GIVEN_UP.matcher(line);
        if (givenUp.find()) {
            out.add(new LeaseLoss(owner, givenUp.group(1)));
        }
        return out;
    }
}
