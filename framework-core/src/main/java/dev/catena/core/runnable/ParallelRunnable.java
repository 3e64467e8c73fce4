package dev.catena.core.runnable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs named branches on one input concurrently (virtual threads) and collects their outputs. */
public final class ParallelRunnable<I> implements Runnable<I, Map<String, Object>> {
    private final Map<String, Runnable<? super I, ?>> branches;

    ParallelRunnable(Map<String, ? extends Runnable<? super I, ?>> branches) {
        if (branches.isEmpty()) throw new IllegalArgumentException("parallel needs at least one branch");
        this.branches = new LinkedHashMap<>(branches);
    }

    @Override public String name() { return "Parallel<" + String.join(",", branches.keySet()) + ">"; }

    @Override
    public Map<String, Object> doInvoke(I input, RunContext run) {
        RunConfig child = run.child();
        List<String> names = new ArrayList<>(branches.keySet());
        List<Future<Object>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                @SuppressWarnings("unchecked")
                Runnable<I, Object> branch = (Runnable<I, Object>) branches.get(name);
                futures.add(pool.submit(() -> branch.invoke(input, child.toBuilder().runName(name).build())));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                try {
                    out.put(names.get(i), futures.get(i).get());
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    throw Runs.asRuntime(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new RunException("Interrupted while waiting for branch '" + names.get(i) + "'", e);
                }
            }
            return out;
        }
    }
}
