package dev.catena.core.component;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Releases what components hold (server processes, connections) when their owner is closed. */
public final class Closing {

    private Closing() {}

    /**
     * Closes each of {@code objects} that is {@link AutoCloseable}, each instance once, in order;
     * all are tried, and the first failure is thrown with the later ones suppressed.
     */
    public static void closeAll(Iterable<?> objects) {
        RuntimeException failure = null;
        Set<Object> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o : objects) {
            if (!(o instanceof AutoCloseable c) || !done.add(o)) continue;
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                RuntimeException r = e instanceof RuntimeException re ? re : new IllegalStateException("closing " + o + " failed: " + e.getMessage(), e);
                if (failure == null) failure = r;
                else failure.addSuppressed(r);
            }
        }
        if (failure != null) throw failure;
    }
}
