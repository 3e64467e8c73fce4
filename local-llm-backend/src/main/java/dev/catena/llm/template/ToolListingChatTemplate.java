package dev.catena.llm.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A template that lists the tools in the system message when the wrapped template renders nothing of the tools it
 * is given (many chat templates, ChatML's among them, have no tools section): the model is told to answer a call
 * as {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}, a form the tool-call parser and the tool-call
 * constraint read. Templates that render tools are left as they are.
 */
public record ToolListingChatTemplate(ChatTemplate inner) implements ChatTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ToolListingChatTemplate {
        Objects.requireNonNull(inner, "inner");
    }

    /** {@code template}, listing tools where it renders none (not wrapped twice). */
    public static ChatTemplate of(ChatTemplate template) {
        return template instanceof ToolListingChatTemplate ? template : new ToolListingChatTemplate(template);
    }

    @Override
    public String render(List<ChatMessage> messages, List<ToolSpecification> tools, boolean addGenerationPrompt) {
        String rendered = inner.render(messages, tools, addGenerationPrompt);
        if (tools == null || tools.isEmpty() || !rendered.equals(inner.render(messages, List.of(), addGenerationPrompt))) {
            return rendered;
        }
        return inner.render(withToolList(messages, tools), List.of(), addGenerationPrompt);
    }

    @Override
    public List<String> stopStrings() {
        return inner.stopStrings();
    }

    /** The messages with the tool list appended to the first system message, or in a new one before them. */
    static List<ChatMessage> withToolList(List<ChatMessage> messages, List<ToolSpecification> tools) {
        String list = toolList(tools);
        List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
        if (!messages.isEmpty() && messages.getFirst() instanceof SystemMessage system) {
            out.add(SystemMessage.from(system.text() + "\n\n" + list));
            out.addAll(messages.subList(1, messages.size()));
        } else {
            out.add(SystemMessage.from(list));
            out.addAll(messages);
        }
        return out;
    }

    /** The tools in the Hermes function-calling convention, which many instruction-tuned models were trained on. */
    private static String toolList(List<ToolSpecification> tools) {
        StringBuilder text = new StringBuilder("You are a function calling AI model. You are provided with function signatures "
                + "within <tools></tools> XML tags. You may call a function to answer the user's question. Here are the "
                + "available tools:\n<tools>\n");
        for (Object tool : TemplateVariables.tools(tools)) {
            try {
                text.append(JSON.writeValueAsString(tool)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("tool " + tool + " cannot be written as JSON", e);
            }
        }
        return text.append("</tools>\nFor a function call, return a JSON object with the function name and arguments within "
                + "<tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-dict>}\n</tool_call>")
                .toString();
    }
}
