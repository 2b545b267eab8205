package dev.ratchet.workspace.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.models.Tool;
import dev.ratchet.models.ToolCall;

/**
 * The tools of one step, by name: what the model is offered, and the calls it makes, each answered with a result
 * capped in tokens (a whole file or a long check output must not crowd out the rest of the conversation).
 */
final class StepTools {

    /** Arguments larger than this are refused unread: a patch is limited far below (1 MiB by default). */
    static final int MAX_ARGUMENT_CHARS = 4 * 1024 * 1024;

    /** A tool's answer to one call. */
    record Result(String text, boolean failed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, StepTool> tools = new LinkedHashMap<>();
    private final TokenBudget counter;
    private final int maxResultTokens;

    StepTools(List<StepTool> list, TokenBudget counter, int maxResultTokens) {
        list.forEach(tool -> tools.put(tool.definition().name(), tool));
        this.counter = counter;
        this.maxResultTokens = maxResultTokens;
    }

    List<Tool> definitions() {
        return tools.values().stream().map(StepTool::definition).toList();
    }

    /** The tokens the tool definitions add to every request, as they are sent. */
    int definitionTokens() {
        ArrayNode array = JSON.createArrayNode();
        for (Tool tool : definitions()) {
            array.addObject().put("name", tool.name()).put("description", tool.description())
                    .put("parameters", tool.parameters());
        }
        return counter.count(array.toString());
    }

    Result call(ToolCall call) {
        StepTool tool = tools.get(call.name());
        if (tool == null) {
            return new Result("no tool named '" + call.name() + "'; the tools are " + String.join(", ", tools.keySet()),
                    true);
        }
        if (call.arguments() != null && call.arguments().length() > MAX_ARGUMENT_CHARS) {
            return new Result("the arguments are " + call.arguments().length() + " characters, over the limit of "
                    + MAX_ARGUMENT_CHARS, true);
        }
        try {
            return new Result(capped(tool.call(ToolArguments.parse(call.arguments()))), false);
        } catch (ToolFailure e) {
            return new Result(capped(e.getMessage()), true);
        }
    }

    private String capped(String text) {
        String cut = counter.truncate(text, maxResultTokens);
        return cut.equals(text) ? text : cut + "\n(the result was cut at " + maxResultTokens + " tokens: ask for less, "
                + "e.g. read_file with startLine and endLine, or a narrower search)";
    }
}
