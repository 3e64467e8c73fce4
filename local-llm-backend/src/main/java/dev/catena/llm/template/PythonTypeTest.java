package dev.catena.llm.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;

import java.util.Iterator;
import java.util.Map;

/**
 * The Jinja2 tests {@code iterable} and {@code sequence} with Python's meaning, where a string is both
 * (Llama 3.1 writes {@code content|tojson} when {@code content is iterable}; Jinjava says a string is not).
 */
final class PythonTypeTest implements ExpTest {

    private final String name;

    private PythonTypeTest(String name) {
        this.name = name;
    }

    static PythonTypeTest iterable() {
        return new PythonTypeTest("iterable");
    }

    static PythonTypeTest sequence() {
        return new PythonTypeTest("sequence");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        return var instanceof CharSequence || var instanceof Iterable<?> || var instanceof Map<?, ?>
                || var != null && var.getClass().isArray() || name.equals("iterable") && var instanceof Iterator<?>;
    }
}
