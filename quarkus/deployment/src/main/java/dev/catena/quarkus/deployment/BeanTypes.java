package dev.catena.quarkus.deployment;

import java.util.LinkedHashSet;
import java.util.Set;

/** The types a component bean is injectable as: its product class, superclasses and interfaces. */
final class BeanTypes {
    private BeanTypes() {}

    static Set<String> of(String className) {
        Set<String> out = new LinkedHashSet<>();
        try {
            collect(Class.forName(className, false, Thread.currentThread().getContextClassLoader()), out);
        } catch (ClassNotFoundException e) {
            out.add(className);
        }
        out.remove(Object.class.getName());
        return out;
    }

    private static void collect(Class<?> c, Set<String> out) {
        if (c == null || !out.add(c.getName())) return;
        collect(c.getSuperclass(), out);
        for (Class<?> i : c.getInterfaces()) collect(i, out);
    }
}
