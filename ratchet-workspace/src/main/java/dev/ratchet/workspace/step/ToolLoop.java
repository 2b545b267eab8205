package dev.ratchet.workspace.step;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.ratchet.core.event.Sampling;
import dev.ratchet.core.patch.Edits;
import dev.ratchet.core.patch.PatchFormatException;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.core.timing.PhaseClock;
import dev.ratchet.models.ChatClient;
import dev.ratchet.models.ChatMessage;
import dev.ratchet.models.ChatRequest;
import dev.ratchet.models.ChatResult;
import dev.ratchet.models.ModelCallException;
import dev.ratchet.models.ToolCall;

/**
 * The turns of one attempt: ask the model, carry out the tools it calls, give it their results, until it answers
 * without a tool call or runs out of turns, time or budget. An answer without tool calls that holds an edit (a model
 * without tool calling) is applied as if sent to {@code apply_patch}; if it does not apply, the reason goes back to
 * the model as the next user message, the way a tool error would.
 */
final class ToolLoop {

    /** How an attempt's turns ended: {@code error} is null when the model finished. */
    record Ending(String error, String model, int turns, int peakTokens) {
    }

    private final ChatClient model;
    private final StepTools tools;
    private final ApplyPatchTool patches;
    private final Conversation conversation;
    private final int maxTurns;
    private final int maxOutputTokens;
    private final int maxFeedbackTokens;
    private final Instant deadline;
    private final BooleanSupplier stopped;
    private final UsageTotals usage;
    private final TokenBudget counter;
    /** One variant's temperature and seed, sent with every turn; null for the executor's configured sampling. */
    private final Sampling sampling;

    ToolLoop(ChatClient model, StepTools tools, ApplyPatchTool patches, Conversation conversation, StepLimits limits,
            int maxTurns, Instant deadline, BooleanSupplier stopped, UsageTotals usage,
            TokenBudget counter, Sampling sampling) {
        this.model = model;
        this.tools = tools;
        this.patches = patches;
        this.conversation = conversation;
        this.maxTurns = maxTurns;
        this.maxOutputTokens = limits.maxOutputTokens();
        this.maxFeedbackTokens = limits.maxToolResultTokens(counter.limit());
        this.deadline = deadline;
        this.stopped = stopped;
        this.usage = usage;
        this.counter = counter;
        this.sampling = sampling;
    }

    Ending run() {
        String lastModel = null;
        String lastError = null;
        int peak = 0;
        for (int turn = 1; turn <= maxTurns; turn++) {
            if (stopped.getAsBoolean()) {
                return new Ending("the executor stopped working on the step (its lease was lost or it shut down)",
                        lastModel, turn - 1, peak);
            }
            if (Instant.now().isAfter(deadline)) {
                return new Ending("the attempt ran out of time after " + (turn - 1) + " turns"
                        + lastError(lastError), lastModel, turn - 1, peak);
            }
            int tokens;
            try {
                tokens = conversation.fit(turn - 1);
            } catch (ContextBudgetExceededException e) {
                return new Ending(e.getMessage(), lastModel, turn - 1, peak);
            }
            peak = Math.max(peak, tokens);
            PhaseClock.lap("context");
            ChatResult answer;
            try {
                answer = model.complete(new ChatRequest(conversation.messages(), maxOutputTokens,
                        sampling == null ? null : sampling.temperature(), null, tools.definitions(),
                        sampling == null ? null : sampling.seed()));
            } catch (ModelCallException e) {
                return new Ending(e.getMessage(), lastModel, turn, peak);
            }
            PhaseClock.lap("model");
            usage.add(answer);
            lastModel = answer.model();
            if (!answer.toolCalls().isEmpty()) {
                conversation.add(ChatMessage.assistant(answer.content(), answer.toolCalls()),
                        Conversation.Kind.CALLS, turn);
                for (ToolCall call : answer.toolCalls()) {
                    StepTools.Result result = tools.call(call);
                    conversation.add(ChatMessage.toolResult(call.id(), result.text()), Conversation.Kind.TOOL_RESULT,
                            turn);
                    lastError = result.failed() ? call.name() + ": " + result.text() : lastError;
                }
                PhaseClock.lap("tools");
                continue;
            }
            Optional<String> noEdit = noEdit(answer.content());
            if (noEdit.isPresent()) {
                return new Ending(finishedWithoutEdit(noEdit.get(), lastError), lastModel, turn, peak);
            }
            try {
                patches.apply(answer.content());
                PhaseClock.lap("apply");
                return new Ending(null, lastModel, turn, peak);
            } catch (ToolFailure e) {
                lastError = e.getMessage();
                conversation.add(ChatMessage.assistant(answer.content()), Conversation.Kind.ANSWER, turn);
                conversation.add(ChatMessage.user(counter.truncate("Your patch was not applied: " + e.getMessage()
                        + "\nAnswer with a corrected patch.", maxFeedbackTokens)), Conversation.Kind.FEEDBACK, turn);
            }
        }
        return new Ending("the executor model did not finish the step within " + maxTurns + " turns (the "
                + "session's maxTurns)" + lastError(lastError), lastModel, maxTurns, peak);
    }

    /** The end of the turns when the model answered without a tool call and without an edit: done, or nothing done. */
    private String finishedWithoutEdit(String whyNoEdit, String lastError) {
        if (patches.applied() > 0) {
            return null;
        }
        if (lastError != null) {
            return "the executor model stopped without changing any file" + lastError(lastError);
        }
        return "the executor model's answer holds no edit and it changed no file: " + whyNoEdit;
    }

    /** Why {@code content} holds no edit in any format, or empty when it holds one. */
    private static Optional<String> noEdit(String content) {
        try {
            Edits.detect(content);
            return Optional.empty();
        } catch (PatchFormatException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String lastError(String error) {
        return error == null ? "" : "; its last error: " + error;
    }
}
