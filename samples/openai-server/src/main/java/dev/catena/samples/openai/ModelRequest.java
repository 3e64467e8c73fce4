package dev.catena.samples.openai;

/** A request body that names a served model: chat and legacy completions. */
interface ModelRequest {

    /** The served model's name; the default model when absent. */
    String model();

    /** Refuses values OpenAI refuses (or this server cannot honour), naming the parameter; {@code maxChoices} bounds {@code n}. */
    void validate(int maxChoices);
}
