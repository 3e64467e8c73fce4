package dev.catena.llm.template;

import com.hubspot.jinjava.util.ForLoop;

import java.lang.reflect.Field;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Jinja2's {@code loop.previtem} and {@code loop.nextitem}, which Jinjava's {@link ForLoop} lacks. When a template
 * uses them, {@link JinjaCompat} wraps each loop's items in {@code catena_loop_items(...)}: a list whose iterator
 * remembers its position, which {@link PyStringMethods} finds behind the {@code loop} object.
 */
final class LoopItems extends AbstractList<Object> {

    static final String FUNCTION = "catena_loop_items";
    private static final Field ITERATOR = iteratorField();

    private final List<Object> items;

    private LoopItems(List<Object> items) {
        this.items = items;
    }

    /** The function bound as {@value #FUNCTION}: the items of any iterable, as a position-tracking list. */
    public static Object wrap(Object iterable) {
        List<Object> items = new java.util.ArrayList<>();
        Iterator<?> it = com.hubspot.jinjava.util.ObjectIterator.getLoop(iterable);
        while (it.hasNext()) {
            items.add(it.next());
        }
        return new LoopItems(items);
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Iterator<Object> iterator() {
        return new Tracking();
    }

    /** The item before ({@code offset} -1) or after (+1) the current one of a loop over {@link LoopItems}; null at the ends or for other loops. */
    static Object neighbour(ForLoop loop, int offset) {
        if (ITERATOR == null) {
            return null;
        }
        try {
            if (ITERATOR.get(loop) instanceof LoopItems.Tracking t) {
                return t.neighbour(offset);
            }
        } catch (IllegalAccessException e) {
            return null;
        }
        return null;
    }

    private static Field iteratorField() {
        try {
            Field f = ForLoop.class.getDeclaredField("it");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private final class Tracking implements Iterator<Object> {
        private int next;

        @Override
        public boolean hasNext() {
            return next < items.size();
        }

        @Override
        public Object next() {
            if (next >= items.size()) {
                throw new NoSuchElementException();
            }
            return items.get(next++);
        }

        Object neighbour(int offset) {
            int at = next - 1 + offset;
            return at >= 0 && at < items.size() ? items.get(at) : null;
        }
    }
}
