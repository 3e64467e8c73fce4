package dev.catena.agents.yaml;

import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.Tools;
import dev.catena.core.component.Closing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code kind: Tool} component creates: one or more tools (a bean with several
 * {@code @Tool} methods gives several). Agents accept a ToolBox, an {@link AgentTool} or any object
 * with {@code @Tool} methods in their {@code tools:} list. Closing the box closes those of its tools
 * that hold a resource (an MCP server's connection), so that whoever created it can release it.
 *
 * @param tools the tools, in order
 */
public record ToolBox(List<AgentTool> tools) implements AutoCloseable {

    public ToolBox {
        tools = List.copyOf(tools);
    }

    /** Closes each tool that is {@link AutoCloseable}; all are tried, the first failure is thrown. */
    @Override
    public void close() {
        Closing.closeAll(tools);
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
