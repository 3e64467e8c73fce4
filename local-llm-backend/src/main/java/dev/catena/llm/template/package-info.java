/**
 * Chat templates: a conversation (LangChain4j messages and tool specifications) becomes the prompt text a model
 * was trained on.
 *
 * <p>{@link dev.catena.llm.template.ChatTemplate#fromGguf} takes a GGUF file's {@code tokenizer.chat_template}
 * (and {@code tokenizer.chat_template.tool_use} when tools are given) and renders it as Hugging Face
 * {@code transformers}' {@code apply_chat_template} does, with Jinjava in a sandbox
 * ({@link dev.catena.llm.template.JinjaChatTemplate}, {@link dev.catena.llm.template.TemplateLimits}); a file
 * without a template gets a built-in one by architecture ({@link dev.catena.llm.template.ChatTemplates}).
 * Every failure is a {@link dev.catena.llm.template.ChatTemplateException} naming the template's source.
 *
 * <h2>Checked against Python</h2>
 * {@code src/test/reference/template/make_expected.py} renders 22 templates (the built-in Gemma 3, Llama 3, transcript
 * and ChatML; Qwen 2.5, Qwen 3, QwQ, Qwen3-Coder, Llama 3.1/3.2/3.3, Hermes 3 tool use, SmolLM2/3, Mistral Nemo,
 * Gemma 2, Phi-3.5, Granite 3.3/4.0, DeepSeek-R1-Distill, Command R7B, gpt-oss) and a feature template over 10
 * conversations with jinja2 in transformers' environment; the Java output is byte-identical in all 230 cases
 * except where Python itself fails on a template bug (below).
 *
 * <h2>Known differences from Hugging Face rendering</h2>
 * Jinjava's grammar is bridged by rewriting template text ({@code JinjaCompat}): Jinja2's precedence of
 * {@code not}, keyword-argument values, {@code [::-1]}, loop filters ({@code for x in xs if c}),
 * {@code loop.previtem}/{@code nextitem}, comments under {@code trim_blocks}, the trailing newline, and Python's
 * {@code str()} of output values. What remains different (none of it is used by the templates above):
 * <ul>
 *   <li>undefined and {@code none} are both Java null: {@code {{ none }}} writes nothing (Python: {@code None});
 *       {@code 'a' + undefined} gives {@code "anull"} and iterating {@code none} is an empty loop where Python
 *       raises (Hermes 3's template iterates {@code tools=None}: Python fails, Catena renders);</li>
 *   <li>{@code a and b} is a boolean (Python: the operand); {@code 'a' ~ true} writes {@code atrue};</li>
 *   <li>not supported, a {@link dev.catena.llm.template.ChatTemplateException}: string repetition
 *       {@code 'ab' * 3}, {@code %}-formatting, hexadecimal and unicode escapes (backslash-x, backslash-u) in string literals, one-element
 *       tuples {@code (1,)}, slice steps other than {@code [::-1]}, comparing a number with a string
 *       ({@code 1 == 'a'}), {@code {% filter %}} blocks, {@code caller()} in macros, {@code loop.changed()};</li>
 *   <li>an unknown filter is ignored (Python refuses the template); {@code min}/{@code max} filters are missing;
 *       {@code sum} gives a float; tuples print as lists; {@code -7 // 2} is not floored to -4;</li>
 *   <li>lists may be mutated ({@code ns.items.append(x)}), which transformers' immutable sandbox refuses.</li>
 * </ul>
 */
package dev.catena.llm.template;
