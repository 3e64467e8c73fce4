package dev.catena.samples.openai;

import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.Model;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One prepared legacy completion of a prompt. A local model continues the raw prompt text (no chat template) in
 * a slot of its batch scheduler;
 * another chat model answers the prompt as one user message. Preparing checks the context, so a prompt that does
 * not fit is refused before generation takes a place.
 */
interface TextCompletion {

    /** Generates, passing text to {@code onText} as it comes, until done or {@code cancelled}. */
    Result run(Consumer<String> onText, BooleanSupplier cancelled);

    /** @param finishReason {@code stop} or {@code length} */
    record Result(String text, String finishReason, int promptTokens, int completionTokens) {}

    static TextCompletion prepare(Object model, String name, String prompt, CompletionRequest request) {
        if (model instanceof LocalChatModel local) return raw(local, prompt, request);
        if (model instanceof ChatModel chat) return asChat(chat, prompt, request);
        throw OpenAiErrors.invalid("model", "model '" + name + "' cannot complete text", "invalid_value");
    }

    private static TextCompletion raw(LocalChatModel local, String prompt, CompletionRequest request) {
        Model model = local.model();
        int[] tokens = model.encodePrompt(prompt);
        int max = request.tokenLimit();
        if ((long) tokens.length + max > local.contextLength()) {
            throw OpenAiErrors.contextLengthExceeded(tokens.length + max, local.contextLength());
        }
        SamplingParams.Builder sampling = SamplingParams.builder();
        if (request.temperature() != null) sampling.temperature(request.temperature());
        if (request.topP() != null) sampling.topP(request.topP());
        if (request.presencePenalty() != null) sampling.presencePenalty(request.presencePenalty());
        if (request.frequencyPenalty() != null) sampling.frequencyPenalty(request.frequencyPenalty());
        if (request.seed() != null) sampling.seed(request.seed());
        return (onText, cancelled) -> {
            GenerationOptions options = GenerationOptions.builder().maxTokens(max).sampling(sampling.build())
                    .stopStrings(request.stopStrings()).cancelled(cancelled).build();
            // through the model's scheduler, so raw completions share the batch, its slots and its back-pressure
            GenerationResult result = local.scheduler().submit(tokens, options, (token, text) -> {
                if (!text.isEmpty()) onText.accept(text);
            }).await();
            return new Result(result.text(), result.finishReason() == GenerationResult.FinishReason.LENGTH ? "length" : "stop",
                    result.promptTokens(), result.tokens().length);
        };
    }

    private static TextCompletion asChat(ChatModel chat, String prompt, CompletionRequest request) {
        ChatRequest.Builder b = ChatRequest.builder().messages(UserMessage.from(prompt)).maxOutputTokens(request.tokenLimit());
        if (request.temperature() != null) b.temperature(request.temperature());
        if (request.topP() != null) b.topP(request.topP());
        if (!request.stopStrings().isEmpty()) b.stopSequences(request.stopStrings());
        ChatRequest chatRequest = b.build();
        return (onText, cancelled) -> {
            ChatResponse response = chat.chat(chatRequest);
            String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
            onText.accept(text);
            var usage = response.tokenUsage();
            return new Result(text, ChatCompletionsRoute.finishReason(response),
                    usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                    usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
        };
    }
}
