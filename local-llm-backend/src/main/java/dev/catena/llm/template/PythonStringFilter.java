package dev.catena.llm.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * Jinja2's {@code trim} and {@code string} filters where Jinjava's differ: an undefined value (Jinjava's
 * null) is the empty string, not {@code "null"}; {@code trim} strips Python whitespace or the given characters.
 */
final class PythonStringFilter implements Filter {

    private final boolean trim;

    private PythonStringFilter(boolean trim) {
        this.trim = trim;
    }

    static PythonStringFilter trim() {
        return new PythonStringFilter(true);
    }

    static PythonStringFilter string() {
        return new PythonStringFilter(false);
    }

    @Override
    public String getName() {
        return trim ? "trim" : "string";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        String s = var == null ? "" : var instanceof String str ? str : interpreter.getAsString(var);
        if (!trim) {
            return s;
        }
        return PyStringMethods.strip(s, args.length > 0 ? args[0] : null, true, true);
    }
}
