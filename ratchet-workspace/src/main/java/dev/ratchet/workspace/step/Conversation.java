package dev.ratchet.workspace.step;

import java.util.ArrayList;
import java.util.List;

import dev.ratchet.core.prompt.StepPrompt;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.models.ChatMessage;
import dev.ratchet.models.ToolCall;

/**
 * A step's messages with what each costs in tokens, kept within the step's budget. Before each request,
 * {@link #fit} gives up the lowest-priority context first: tool outputs and answers of earlier turns (replaced by a
 * line saying so, as the model may ask again), then the files outside the step's scope in the first prompt, the
 * least relevant first. What remains must fit, or the step fails with {@code context budget exceeded} so the
 * planner can split it.
 */
final class Conversation {

    /**
     * Tokens a message costs beyond its text (role and separators), and the tokens that prime the reply: OpenAI's
     * published counting recipe for chat models uses 3 and 3; 4 leaves room for other templates.
     */
    static final int MESSAGE_OVERHEAD = 4;
    static final int REPLY_PRIMING = 3;
    static final String DROPPED = "[dropped to fit the step's context budget; ask again if you still need it]";

    enum Kind { SYSTEM, PROMPT, CALLS, TOOL_RESULT, ANSWER, FEEDBACK, DROPPED }

    private record Entry(ChatMessage message, Kind kind, int turn, int tokens) {
    }

    private final TokenBudget counter;
    private final StepPrompt prompt;
    private final int fixedTokens;
    private final List<Entry> entries = new ArrayList<>();
    private int othersKept;

    /** @param fixedTokens tokens every request carries besides its messages (the tool definitions) */
    Conversation(StepPrompt prompt, TokenBudget counter, int fixedTokens) {
        this.counter = counter;
        this.prompt = prompt;
        this.fixedTokens = fixedTokens;
        this.othersKept = prompt.others().size();
        add(ChatMessage.system(prompt.system()), Kind.SYSTEM, 0);
        add(ChatMessage.user(prompt.user()), Kind.PROMPT, 0);
    }

    void add(ChatMessage message, Kind kind, int turn) {
        entries.add(new Entry(message, kind, turn, cost(message)));
    }

    List<ChatMessage> messages() {
        return entries.stream().map(Entry::message).toList();
    }

    /** The request's size now: every message, its overhead, the tool definitions. */
    int tokens() {
        return fixedTokens + REPLY_PRIMING + entries.stream().mapToInt(e -> e.tokens() + MESSAGE_OVERHEAD).sum();
    }

    /**
     * Gives up context until the request fits {@link TokenBudget#limit()}.
     *
     * @param latestTurn results of this turn are what the model just asked for: never given up
     * @return the request's tokens
     * @throws ContextBudgetExceededException when it cannot fit
     */
    int fit(int latestTurn) {
        for (int i = 0; i < entries.size() && tokens() > counter.limit(); i++) {
            Entry e = entries.get(i);
            if (e.turn() < latestTurn && (e.kind() == Kind.TOOL_RESULT || e.kind() == Kind.ANSWER)) {
                ChatMessage stub = e.kind() == Kind.TOOL_RESULT ? ChatMessage.toolResult(e.message().toolCallId(),
                        DROPPED) : ChatMessage.assistant(DROPPED);
                entries.set(i, new Entry(stub, Kind.DROPPED, e.turn(), cost(stub)));
            }
        }
        while (tokens() > counter.limit() && othersKept > 0) {
            othersKept--;
            ChatMessage user = ChatMessage.user(prompt.user(othersKept));
            entries.set(1, new Entry(user, Kind.PROMPT, 0, cost(user)));
        }
        int tokens = tokens();
        if (tokens > counter.limit()) {
            throw new ContextBudgetExceededException("context budget exceeded: the next request needs " + tokens
                    + " tokens, over the step's budget of " + counter.limit() + " even without earlier tool outputs "
                    + "and the files outside the step's scope; split the step into smaller ones");
        }
        return tokens;
    }

    private int cost(ChatMessage message) {
        int tokens = counter.count(message.content());
        for (ToolCall call : message.toolCalls()) {
            tokens += counter.count(call.name()) + counter.count(call.arguments()) + MESSAGE_OVERHEAD;
        }
        return tokens;
    }
}
