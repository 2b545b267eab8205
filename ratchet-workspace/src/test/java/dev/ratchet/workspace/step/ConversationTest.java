package dev.ratchet.workspace.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.prompt.StepPrompt;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.models.ChatMessage;
import dev.ratchet.models.ToolCall;

/** The step's conversation gives up context in priority order, and fails the step only when nothing more can go. */
class ConversationTest {

    private static final TokenBudget BUDGET = new TokenBudget(3000);

    /** {@code label} and then about {@code tokens} tokens of text (" data" is one token). */
    private static String text(String label, int tokens) {
        return label + " " + "data ".repeat(tokens);
    }

    private static StepPrompt prompt(int otherFiles) {
        List<StepPrompt.FileBlock> others = IntStream.range(0, otherFiles)
                .mapToObj(i -> new StepPrompt.FileBlock("lib/f" + i + ".py", "=== lib/f" + i + ".py ===\n"
                        + text("code", 200)))
                .toList();
        return new StepPrompt("system", "Step 1 of 1: Do it\n", List.of(new StepPrompt.FileBlock("app.py",
                "=== app.py ===\n" + text("app", 100))), others, List.of(), List.of(), 0);
    }

    private static void toolTurn(Conversation c, int turn, int tokens) {
        ToolCall call = new ToolCall("call_" + turn, "read_file", "{\"path\":\"x\"}");
        c.add(ChatMessage.assistant("", List.of(call)), Conversation.Kind.CALLS, turn);
        c.add(ChatMessage.toolResult(call.id(), text("result" + turn, tokens)), Conversation.Kind.TOOL_RESULT, turn);
    }

    @Test
    void fitsUnchangedWithinTheBudget() {
        Conversation c = new Conversation(prompt(2), BUDGET, 300);

        int tokens = c.fit(0);

        assertThat(tokens).isEqualTo(c.tokens()).isLessThanOrEqualTo(3000);
        assertThat(c.messages().get(1).content()).contains("=== lib/f1.py ===");
    }

    @Test
    void oldToolOutputsGoFirstTheLatestTurnsStay() {
        Conversation c = new Conversation(prompt(2), BUDGET, 300);
        toolTurn(c, 1, 800);
        toolTurn(c, 2, 800);
        toolTurn(c, 3, 800);

        c.fit(3);

        List<ChatMessage> messages = c.messages();
        assertThat(messages.get(3).content()).isEqualTo(Conversation.DROPPED);
        assertThat(messages.get(3).toolCallId()).isEqualTo("call_1");
        assertThat(messages.get(7).content()).as("the latest turn's result").startsWith("result3");
        assertThat(messages.get(1).content()).as("files kept while old outputs could go").contains("lib/f1.py");
    }

    @Test
    void thenTheFilesOutsideTheScopeLeastRelevantFirst() {
        Conversation c = new Conversation(prompt(2), BUDGET, 300);
        toolTurn(c, 1, 300);
        toolTurn(c, 2, 2200);

        c.fit(2);

        assertThat(c.messages().get(3).content()).isEqualTo(Conversation.DROPPED);
        String user = c.messages().get(1).content();
        assertThat(user).contains("=== app.py ===").doesNotContain("=== lib/f1.py ===")
                .contains("other file");
        assertThat(c.tokens()).isLessThanOrEqualTo(3000);
    }

    @Test
    void whatCannotGoFailsTheStepWithContextBudgetExceeded() {
        Conversation c = new Conversation(prompt(2), BUDGET, 300);
        for (int call = 0; call < 5; call++) {
            ToolCall read = new ToolCall("call_" + call, "read_file", "{}");
            c.add(ChatMessage.assistant("", List.of(read)), Conversation.Kind.CALLS, 1);
            c.add(ChatMessage.toolResult(read.id(), text("result", 600)), Conversation.Kind.TOOL_RESULT, 1);
        }

        assertThatThrownBy(() -> c.fit(1)).isInstanceOf(ContextBudgetExceededException.class)
                .hasMessageStartingWith("context budget exceeded: the next request needs ")
                .hasMessageContaining("over the step's budget of 3000");
        assertThat(c.messages().get(1).content()).as("everything droppable went first").doesNotContain("lib/f0.py");
    }
}
