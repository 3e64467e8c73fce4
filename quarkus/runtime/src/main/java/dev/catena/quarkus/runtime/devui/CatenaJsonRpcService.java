package dev.catena.quarkus.runtime.devui;

import dev.catena.quarkus.runtime.CatenaRuntime;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Dev UI's JSON-RPC methods of the Catena card: what only the running application knows. Each
 * public method is one JSON-RPC method the card's web components call.
 */
@Singleton
public class CatenaJsonRpcService {

    private static final String LOCAL_MODEL = "dev.catena.llm.chat.LocalChatModel";

    @Inject
    CatenaRuntime runtime;

    @Inject
    RunTraces traces;

    /**
     * Each model as created: {@code name}, {@code status} ({@code ready}, or {@code unavailable} with
     * {@code problem}), {@code implementation}, and for a local model its file, the kernels the runtime
     * chose, threads, context length, slots, queue capacity and KV cache type.
     */
    public List<Map<String, Object>> models() {
        Map<String, String> unavailable = runtime.unavailable();
        List<Map<String, Object>> out = new ArrayList<>();
        runtime.kinds().forEach((name, kind) -> {
            if (!"Model".equals(kind)) return;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            if (unavailable.containsKey(name)) {
                row.put("status", "unavailable");
                row.put("problem", unavailable.get(name));
                out.add(row);
                return;
            }
            try {
                Object model = instance(name);
                row.put("status", "ready");
                row.put("implementation", model.getClass().getSimpleName());
                if (model.getClass().getName().equals(LOCAL_MODEL)) row.putAll(LocalModelDetails.of(model));
            } catch (RuntimeException e) {
                row.put("status", "failed");
                row.put("problem", String.valueOf(e.getMessage()));
            }
            out.add(row);
        });
        return out;
    }

    /**
     * Each component's state in the running application: {@code name}, {@code kind} and {@code status}
     * ({@code ready}, or {@code unavailable} with the {@code problem}: its server did not answer).
     */
    public List<Map<String, String>> components() {
        Map<String, String> unavailable = runtime.unavailable();
        List<Map<String, String>> out = new ArrayList<>();
        runtime.kinds().forEach((name, kind) -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("kind", kind);
            row.put("status", unavailable.containsKey(name) ? "unavailable" : "ready");
            if (unavailable.containsKey(name)) row.put("problem", unavailable.get(name));
            out.add(row);
        });
        return out;
    }

    /**
     * The last root runs of chains and agents as run trees, newest first: each node's name, type,
     * start, duration, status, input, output and children. A root that is a YAML agent is typed {@code agent}.
     */
    public List<RunNode> traces() {
        Map<String, String> kinds = runtime.kinds();
        List<RunNode> out = new ArrayList<>();
        for (RunNode root : traces.traces()) {
            String kind = kinds.get(root.name());
            String type = kind == null || kind.equals("Chain") ? root.type() : kind.toLowerCase(Locale.ROOT);
            out.add(new RunNode(root.id(), root.name(), type, root.startedAt(), root.durationMillis(), root.status(),
                    root.input(), root.output(), root.children()));
        }
        return out;
    }

    /** Forgets the kept traces; answers how many remain (0). */
    public int clearTraces() {
        traces.clear();
        return traces.traces().size();
    }

    private Object instance(String name) {
        return runtime.isConfigured(name) ? runtime.configured(name) : runtime.component(name);
    }
}
