package dev.catena.llm.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.util.ObjectIterator;
import com.hubspot.jinjava.util.ObjectTruthValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's loop filter, {@code {% for x in items if cond %}}, which Jinjava lacks (it reads
 * {@code items if cond} as a conditional expression). {@link JinjaCompat} rewrites such a loop to iterate over
 * {@code catena_loop_filter(items, 'x', 'cond')}: the items for which {@code cond} is true with the loop
 * variables bound, so {@code loop.index}, {@code loop.last} and {@code loop.length} count the kept items as in
 * Jinja2.
 */
final class LoopFilter {

    static final String FUNCTION = "catena_loop_filter";

    private LoopFilter() {
    }

    /** The function bound as {@value #FUNCTION}. */
    public static List<Object> filter(Object items, String targets, String condition) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        String[] names = targets.split(",");
        List<Object> kept = new ArrayList<>();
        Iterator<?> it = ObjectIterator.getLoop(items);
        while (it.hasNext()) {
            Object item = it.next();
            RenderState.current().step(interpreter.getLineNumber());
            try (var scope = interpreter.enterScope()) {
                bind(interpreter, names, item);
                if (ObjectTruthValue.evaluate(interpreter.resolveELExpression(condition, interpreter.getLineNumber()))) {
                    kept.add(item);
                }
            }
        }
        return kept;
    }

    private static void bind(JinjavaInterpreter interpreter, String[] names, Object item) {
        if (names.length == 1) {
            interpreter.getContext().put(names[0].strip(), item);
            return;
        }
        List<Object> values = new ArrayList<>();
        if (item instanceof Map.Entry<?, ?> e) {
            values.add(e.getKey());
            values.add(e.getValue());
        } else if (item instanceof Iterable<?> parts) {
            parts.forEach(values::add);
        }
        for (int i = 0; i < names.length; i++) {
            interpreter.getContext().put(names[i].strip(), i < values.size() ? values.get(i) : null);
        }
    }
}
