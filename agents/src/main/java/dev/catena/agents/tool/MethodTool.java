package dev.catena.agents.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Objects;

/**
 * A tool backed by a Java method annotated with LangChain4j's {@link dev.langchain4j.agent.tool.Tool}.
 * The argument schema comes from the method signature ({@link ToolSpecifications}); arguments are
 * bound to the parameters by name with Jackson, so records and lists work as parameter types.
 * A {@code String} result goes to the model as is, other results as JSON, {@code void} as "Done.".
 */
public final class MethodTool implements AgentTool {

    private final Object target;
    private final Method method;
    private final ToolSpecification specification;

    /** A tool for {@code method} on {@code target} ({@code null} target for a static method). */
    public MethodTool(Object target, Method method) {
        this.method = Objects.requireNonNull(method, "method");
        if (target == null && !Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException("tool method " + method + " is not static, so it needs a target object");
        }
        this.target = target;
        this.specification = ToolSpecifications.toolSpecificationFrom(method);
        method.setAccessible(true);
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    @Override
    public String execute(String arguments) {
        ObjectNode args = ToolArguments.parse(specification, arguments);
        Parameter[] parameters = method.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            JsonNode node = args.get(p.getName());
            JavaType type = ToolArguments.JSON.getTypeFactory().constructType(p.getParameterizedType());
            if (node == null || node.isNull()) {
                if (type.isPrimitive()) {
                    throw new ToolArgumentException("missing argument '" + p.getName() + "' for '" + name() + "'");
                }
                continue;
            }
            try {
                values[i] = ToolArguments.JSON.treeToValue(node, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new ToolArgumentException("argument '" + p.getName() + "' for '" + name() + "' must be "
                        + type.getRawClass().getSimpleName() + ", got " + ToolArguments.abbreviate(node.toString()));
            }
        }
        Object result;
        try {
            result = method.invoke(target, values);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call tool method " + method, e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new ToolExecutionException(name() + " failed: " + e.getCause(), e.getCause());
        }
        return render(result);
    }

    private String render(Object result) {
        if (method.getReturnType() == void.class) return "Done.";
        if (result == null) return "null";
        if (result instanceof CharSequence s) return s.toString();
        try {
            return ToolArguments.JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return String.valueOf(result);
        }
    }

    @Override
    public String toString() {
        return "MethodTool[" + name() + " -> " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "]";
    }
}
