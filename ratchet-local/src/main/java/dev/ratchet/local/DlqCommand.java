package dev.ratchet.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.ratchet.core.event.Topics;

/**
 * {@code ./ratchet dlq list} and {@code ./ratchet dlq replay <topic> [--session ID]}, against the running
 * {@code ./ratchet up} (its Kafka address from {@code .ratchet/cluster.json}) or {@code --bootstrap host:port}.
 */
final class DlqCommand {

    private static final Pattern BOOTSTRAP = Pattern.compile(
            "[A-Za-z0-9.-]{1,253}:\\d{1,5}(,[A-Za-z0-9.-]{1,253}:\\d{1,5})*");
    /** Session ids are UUIDs; anything longer than this is not one. */
    private static final int MAX_SESSION = 100;
    /** Reasons and causes can be whole exception messages; one line of this many characters says enough. */
    private static final int MAX_TEXT = 240;

    private DlqCommand() {
    }

    /** Returns the exit code: 0 done, 1 a failure or records that could not be replayed, 64 a usage error. */
    static int run(LocalLayout layout, List<String> args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        String bootstrap = null;
        Optional<String> session = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--bootstrap") || arg.equals("--session")) && i + 1 < args.size()) {
                String value = args.get(++i);
                if (arg.equals("--bootstrap")) {
                    bootstrap = value;
                } else {
                    session = Optional.of(value);
                }
            } else if (arg.startsWith("-")) {
                return usage(err, "unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        boolean list = positional.equals(List.of("list"));
        boolean replay = positional.size() == 2 && positional.get(0).equals("replay");
        if (!list && !replay || list && session.isPresent()) {
            return usage(err, "dlq takes 'list' or 'replay <topic> [--session ID]'");
        }
        if (bootstrap != null && !BOOTSTRAP.matcher(bootstrap).matches()) {
            return usage(err, "--bootstrap takes host:port[,host:port...]");
        }
        if (session.isPresent() && (session.get().isBlank() || session.get().length() > MAX_SESSION)) {
            return usage(err, "--session takes a session id");
        }
        Optional<String> dlq = replay ? dlqOf(positional.get(1)) : Optional.empty();
        if (replay && dlq.isEmpty()) {
            return usage(err, "no Ratchet topic " + oneLine(positional.get(1)) + "; the dead-letter topics are "
                    + String.join(", ", DeadLetters.topics()));
        }
        Optional<String> address = Optional.ofNullable(bootstrap).or(() -> ClusterState.launcher(layout)
                .map(state -> (String) state.get("kafka")));
        if (address.isEmpty()) {
            err.println("ratchet: no Ratchet cluster is running (./ratchet up starts one); or pass --bootstrap "
                    + "host:port");
            return ControlCommand.FAILED;
        }
        try (DeadLetters letters = new DeadLetters(address.get())) {
            return list ? list(letters, out) : replay(letters, dlq.get(), session, out, err);
        } catch (RuntimeException e) {
            err.println("ratchet: " + oneLine(String.valueOf(e.getMessage())));
            return ControlCommand.FAILED;
        }
    }

    /** The dead-letter topic for a topic named either way: {@code ratchet.steps.requested} or its {@code .dlq}. */
    static Optional<String> dlqOf(String topic) {
        String dlq = topic.endsWith(Topics.DLQ_SUFFIX) ? topic : Topics.deadLetter(topic);
        return DeadLetters.topics().contains(dlq) ? Optional.of(dlq) : Optional.empty();
    }

    private static int list(DeadLetters letters, PrintStream out) {
        for (String dlq : DeadLetters.topics()) {
            List<String> lines = new ArrayList<>();
            int[] counts = {0, 0};
            boolean exists = letters.list(dlq, (letter, replayed) -> {
                counts[0]++;
                counts[1] += replayed ? 1 : 0;
                lines.addAll(describe(letter, replayed));
            });
            out.println(dlq + ": " + (!exists ? "no such topic yet (the services create it at start-up)"
                    : counts[0] == 0 ? "empty" : counts[0] + " dead letter" + (counts[0] == 1 ? "" : "s") + ", "
                            + counts[1] + " replayed"));
            lines.forEach(out::println);
        }
        return 0;
    }

    /** Two or three lines per record: where it is and what it was, the reason, the cause when there is one. */
    static List<String> describe(DeadLetter letter, boolean replayed) {
        String from = letter.originalTopic() + " " + letter.originalPartition().stream().mapToObj(Integer::toString)
                .findFirst().orElse("?") + "/" + letter.originalOffset().orElse("?");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %d/%d  %-12s  %s  session %s  from %s", letter.partition(),
                letter.offset(), replayed ? "replayed" : "not replayed", oneLine(letter.type().orElse("(no ce_type)")),
                oneLine(letter.session().orElse("-")), oneLine(from)));
        lines.add("      reason: " + oneLine(letter.reason().orElse("(none)")));
        letter.cause().ifPresent(cause -> lines.add("      cause:  " + oneLine(cause)));
        return lines;
    }

    private static int replay(DeadLetters letters, String dlq, Optional<String> session, PrintStream out,
            PrintStream err) {
        DeadLetters.Replay done = letters.replay(dlq, session);
        String target = dlq.substring(0, dlq.length() - Topics.DLQ_SUFFIX.length());
        out.println("replayed " + done.replayed() + " record" + (done.replayed() == 1 ? "" : "s") + " from " + dlq
                + " to " + target + session.map(s -> " (session " + oneLine(s) + "; " + done.otherSessions()
                        + " of other sessions left)").orElse("") + "; " + done.replayedBefore()
                + " replayed before");
        done.skipped().forEach(s -> err.println("skipped " + oneLine(s)));
        done.failed().forEach(s -> err.println("not sent (will be tried again next time) " + oneLine(s)));
        return done.skipped().isEmpty() && done.failed().isEmpty() ? 0 : ControlCommand.FAILED;
    }

    /**
     * Header text as one printable line: control characters (a terminal escape sequence in a header, say) become
     * spaces, and long text is cut.
     */
    static String oneLine(String text) {
        String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) + "..." : line;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ratchet: " + problem);
        err.println("usage: ./ratchet dlq list [--bootstrap host:port]");
        err.println("       ./ratchet dlq replay <topic> [--session ID] [--bootstrap host:port]");
        return Main.USAGE;
    }
}
