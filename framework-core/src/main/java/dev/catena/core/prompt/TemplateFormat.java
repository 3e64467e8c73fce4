package dev.catena.core.prompt;

/** The syntax of a template's variables. */
public enum TemplateFormat {
    /** LangChain style: {@code {name}}; {@code {{} and {@code }}} write literal braces. */
    BRACES,
    /** Mustache ({@code {{name}}}, sections, no HTML escaping), rendered by mustache.java. */
    MUSTACHE
}
