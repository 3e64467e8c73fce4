package dev.catena.llm.template;

/**
 * The global functions Hugging Face adds to the chat-template environment, bound by {@link SandboxedJinja}
 * as Jinjava functions {@code raise_exception(message)} and {@code strftime_now(format)}.
 */
final class HfFunctions {

    private HfFunctions() {
    }

    /** {@code raise_exception(message)}: the template rejects the conversation; the render fails with this message. */
    public static Object raiseException(Object message) {
        RenderState.current().stop("template raised an exception: " + message);
        return null;
    }

    /** {@code strftime_now(format)}: the current date and time, formatted like Python's {@code strftime}. */
    public static String strftimeNow(Object format) {
        return Strftime.format(RenderState.current().now(), String.valueOf(format));
    }
}
