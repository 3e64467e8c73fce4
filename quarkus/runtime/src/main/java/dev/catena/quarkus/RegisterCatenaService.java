package dev.catena.quarkus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an interface a bean whose methods are prompts, built with LangChain4j's {@code AiServices}
 * on a Catena model: {@code @SystemMessage}/{@code @UserMessage} templates, typed results (records,
 * enums, lists through structured output), the {@code @Tool} methods of the listed beans, and a
 * memory per {@code @MemoryId} kept in Catena's conversation store ({@code quarkus.catena.memory.*}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RegisterCatenaService {

    /** The chat model component (its name); empty for the default {@code ChatModel} bean. */
    String model() default "";

    /** Beans whose {@code @Tool} methods the model may call. */
    Class<?>[] tools() default {};

    /** MCP clients ({@code quarkus.catena.mcp.<name>}) whose tools the model may call, by name. */
    String[] mcpClients() default {};
}
