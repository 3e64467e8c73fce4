package dev.catena.quarkus.runtime.devui;

import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.compute.Compute;
import dev.catena.llm.compute.kernel.KernelCompute;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Dev UI shows of a model run by Catena's local runtime: its file, the kernels the runtime
 * chose, its threads, context length, slots and KV cache. Loaded only for a {@code LocalChatModel}
 * (module catena-local-llm-backend is optional for the extension).
 */
final class LocalModelDetails {

    private LocalModelDetails() {}

    static Map<String, Object> of(Object localChatModel) {
        LocalChatModel model = (LocalChatModel) localChatModel;
        Compute compute = model.model().transformer().compute();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", model.model().file().toString());
        out.put("kernels", compute instanceof KernelCompute k ? k.backend().description() : compute.getClass().getSimpleName());
        out.put("threads", compute.threads());
        out.put("contextLength", model.contextLength());
        out.put("slots", model.scheduler().config().slots());
        out.put("queueCapacity", model.scheduler().config().queueCapacity());
        out.put("kvCache", model.kvCacheType().name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }
}
