package dev.catena.agents.tool;

import dev.langchain4j.agent.tool.Tool;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Creates tools from objects whose methods carry LangChain4j's {@link Tool} annotation. */
public final class Tools {

    private Tools() {}

    /**
     * One tool per {@code @Tool} method of {@code bean} (public or not, inherited public ones
     * included), in name order.
     *
     * @throws IllegalArgumentException if the object has no {@code @Tool} method or two share a name
     */
    public static List<AgentTool> from(Object bean) {
        Objects.requireNonNull(bean, "bean");
        if (bean instanceof AgentTool t) return List.of(t);
        Set<Method> methods = new HashSet<>(Arrays.asList(bean.getClass().getMethods()));
        methods.addAll(Arrays.asList(bean.getClass().getDeclaredMethods()));
        List<AgentTool> tools = new ArrayList<>();
        methods.stream().filter(m -> m.isAnnotationPresent(Tool.class))
                .sorted(Comparator.comparing(Method::getName))
                .forEach(m -> tools.add(new MethodTool(bean, m)));
        if (tools.isEmpty()) {
            throw new IllegalArgumentException("object of type " + bean.getClass().getName()
                    + " has no method annotated with @dev.langchain4j.agent.tool.Tool");
        }
        checkUnique(tools);
        return List.copyOf(tools);
    }

    /** The tools of several beans (or {@link AgentTool}s) together; names must be unique. */
    public static List<AgentTool> fromAll(Object... beans) {
        List<AgentTool> tools = new ArrayList<>();
        for (Object bean : beans) tools.addAll(from(bean));
        checkUnique(tools);
        return List.copyOf(tools);
    }

    static void checkUnique(List<AgentTool> tools) {
        Set<String> names = new HashSet<>();
        for (AgentTool t : tools) {
            if (!names.add(t.name())) throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
        }
    }
}
