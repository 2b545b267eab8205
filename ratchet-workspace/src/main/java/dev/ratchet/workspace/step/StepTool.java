package dev.ratchet.workspace.step;

import dev.ratchet.models.Tool;

/** One function the executor model may call during a step. */
interface StepTool {

    Tool definition();

    /**
     * @return the result for the model
     * @throws ToolFailure with the precise reason, for the model to act on; nothing was changed
     */
    String call(ToolArguments arguments) throws ToolFailure;
}
