package dev.catena.quarkus.deployment;

import dev.catena.core.component.Ref;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** Collects the {@code {bean: name}} references inside a bound component spec. */
final class BeanRefs {
    private BeanRefs() {}

    static void collect(Object value, Set<String> out) {
        switch (value) {
            case null -> { }
            case Ref r -> {
                if (r.isBean()) out.add(r.bean());
            }
            case Collection<?> c -> c.forEach(v -> collect(v, out));
            case Map<?, ?> m -> m.values().forEach(v -> collect(v, out));
            case Record r -> {
                for (RecordComponent rc : r.getClass().getRecordComponents()) {
                    try {
                        rc.getAccessor().setAccessible(true);
                        collect(rc.getAccessor().invoke(r), out);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("Cannot read " + rc.getName() + " of " + r.getClass().getName(), e);
                    }
                }
            }
            default -> { }
        }
    }
}
