package dev.catena.agents.react;

/** What {@link ReActParser} read from one model turn. */
public sealed interface ReActOutput {

    /** The reasoning before the action or answer; empty when the model wrote none. */
    String thought();

    /** The model asks to call {@code tool} with {@code input} (JSON or plain text). */
    record Act(String thought, String tool, String input) implements ReActOutput {}

    /** The model gives its final answer. */
    record Finish(String thought, String answer) implements ReActOutput {}

    /** The turn follows neither form; {@code error} tells the model what to write instead. */
    record Invalid(String thought, String error) implements ReActOutput {}
}
