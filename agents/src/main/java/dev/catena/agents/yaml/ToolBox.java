package dev.catena.agents.yaml;

import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.Tools;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code kind: Tool} component creates: one or more tools (a bean with several
 * {@code @Tool} methods gives several). Agents accept a ToolBox, an {@link AgentTool} or any object
 * with {@code @Tool} methods in their {@code tools:} list.
 *
 * @param tools the tools, in order
 */
public record ToolBox(List<AgentTool> tools) {

    public ToolBox {
        tools = List.copyOf(tools);
    }

    /** The tools behind whatever a {@code tools:} reference resolved to. */
    public static List<AgentTool> toolsOf(Object resolved) {
        if (resolved instanceof ToolBox box) return box.tools();
        if (resolved instanceof Iterable<?> many) {
            List<AgentTool> out = new ArrayList<>();
            for (Object o : many) out.addAll(toolsOf(o));
            return out;
        }
        return Tools.from(resolved);
    }
}
