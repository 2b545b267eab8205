package dev.ratchet.local.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ratchet steer ID ...}: one or more directives in one request, in the order note, guardrails, read-only,
 * redo, skip, pause, resume, cancel; they take effect at the next step boundary.
 */
@Command(name = "steer", description = "Steer a running session; directives take effect at the next step boundary")
final class SteerCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The session id")
    String id;

    @Option(names = "--note", paramLabel = "TEXT", description = "A note every later step's executor reads")
    String note;

    @Option(names = "--guardrails", paramLabel = "JSON", description = "Guardrail fields to change, as JSON")
    String guardrails;

    @Option(names = "--read-only", description = "No step may change files from now on")
    boolean readOnly;

    @Option(names = "--redo", paramLabel = "STEP", description = "Run a verified step again")
    String redo;

    @Option(names = "--feedback", paramLabel = "TEXT", description = "With --redo: what to do differently")
    String feedback;

    @Option(names = "--skip", paramLabel = "STEP", description = "Leave a step out")
    String skip;

    @Option(names = "--pause", description = "Stop before the next step")
    boolean pause;

    @Option(names = "--resume", description = "Go on after a pause")
    boolean resume;

    @Option(names = "--cancel", description = "End the session at the next step boundary")
    boolean cancel;

    @Option(names = "--reason", paramLabel = "TEXT", description = "With --cancel: why")
    String reason;

    SteerCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() {
        JsonNode answer = client().steer(id, Map.of("directives", directives()));
        if (json) {
            print(answer);
        } else {
            for (JsonNode d : answer.path("directives")) {
                out().println("directive " + d.path("id").asText() + " " + d.path("type").asText()
                        + " received; it takes effect at the next step boundary (./ratchet show " + id + ")");
            }
        }
        return Exit.DONE;
    }

    List<Map<String, Object>> directives() {
        if (feedback != null && redo == null) {
            throw new UsageError("--feedback goes with --redo STEP");
        }
        if (reason != null && !cancel) {
            throw new UsageError("--reason goes with --cancel");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        if (note != null) {
            list.add(directive("note", "text", note));
        }
        if (guardrails != null) {
            list.add(directive("guardrails", "guardrails", SubmitCommand.object("--guardrails", guardrails)));
        }
        if (readOnly) {
            list.add(directive("readOnly", null, null));
        }
        if (redo != null) {
            Map<String, Object> d = directive("redo", "step", redo);
            if (feedback != null) {
                d.put("feedback", feedback);
            }
            list.add(d);
        }
        if (skip != null) {
            list.add(directive("skip", "step", skip));
        }
        if (pause) {
            list.add(directive("pause", null, null));
        }
        if (resume) {
            list.add(directive("resume", null, null));
        }
        if (cancel) {
            list.add(directive("cancel", "text", reason));
        }
        if (list.isEmpty()) {
            throw new UsageError("steer needs a directive: --note, --guardrails, --read-only, --redo, --skip, "
                    + "--pause, --resume or --cancel");
        }
        return list;
    }

    private static Map<String, Object> directive(String type, String field, Object value) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type);
        if (field != null && value != null) {
            d.put(field, value);
        }
        return d;
    }
}
