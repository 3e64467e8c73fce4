package dev.catena.agents.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.agents.tool.builtin.CalculatorTool;
import dev.catena.agents.tool.builtin.DateTimeTool;
import dev.catena.agents.tool.builtin.HttpGetTool;
import dev.catena.agents.tool.builtin.RetrieverTool;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.catena.core.retrieval.Retriever;
import dev.langchain4j.rag.content.retriever.ContentRetriever;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** The tool types YAML files may declare ({@code kind: Tool}), registered through ServiceLoader. */
public final class ToolTypes {

    private ToolTypes() {}

    private abstract static class ToolType<S> extends AbstractComponentType<S, ToolBox> {
        ToolType(String type, Class<S> spec, String description) {
            super("Tool", type, spec, ToolBox.class, description);
        }
    }

    /** {@code type: calculator}. */
    public record CalculatorSpec(@JsonPropertyDescription("Optional note for readers; not sent to the model") String note) {}

    /** The safe arithmetic calculator. */
    public static final class Calculator extends ToolType<CalculatorSpec> {
        public Calculator() { super("calculator", CalculatorSpec.class, "Safe arithmetic calculator (tool name: calculator)"); }
        @Override public ToolBox create(CalculatorSpec s, ComponentContext ctx) { return new ToolBox(List.of(new CalculatorTool())); }
    }

    /** {@code type: datetime}. */
    public record DateTimeSpec(@JsonPropertyDescription("IANA time zone of the clock, default the system zone") String zone) {
        public DateTimeSpec {
            if (zone != null) {
                try {
                    ZoneId.of(zone);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("unknown time zone '" + zone + "'; use an IANA name such as Europe/Paris or UTC");
                }
            }
        }
    }

    /** The current date and time. */
    public static final class DateTime extends ToolType<DateTimeSpec> {
        public DateTime() { super("datetime", DateTimeSpec.class, "Current date and time (tool name: current_datetime)"); }
        @Override public ToolBox create(DateTimeSpec s, ComponentContext ctx) {
            Clock clock = s.zone() == null ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(s.zone()));
            return new ToolBox(List.of(new DateTimeTool(clock)));
        }
    }

    /** {@code type: http-get}. */
    public record HttpGetSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Hosts that may be fetched: example.com or *.example.com") List<String> allowedHosts,
            @JsonPropertyDescription("Allow loopback and private addresses (default false)") Boolean allowPrivateAddresses,
            @JsonPropertyDescription("Longest body returned, in bytes (default 100000)") Integer maxBytes,
            @JsonPropertyDescription("Timeout of one fetch in milliseconds (default 10000)") Integer timeoutMillis) {
        public HttpGetSpec {
            if (allowedHosts == null || allowedHosts.isEmpty()) throw new IllegalArgumentException("allowedHosts must list at least one host");
            allowedHosts = List.copyOf(allowedHosts);
            if (timeoutMillis != null && timeoutMillis < 1) throw new IllegalArgumentException("timeoutMillis must be at least 1, was " + timeoutMillis);
        }
    }

    /** HTTP GET restricted to an allow-list of hosts. */
    public static final class HttpGet extends ToolType<HttpGetSpec> {
        public HttpGet() { super("http-get", HttpGetSpec.class, "HTTP GET restricted to allowed hosts (tool name: http_get)"); }
        @Override public ToolBox create(HttpGetSpec s, ComponentContext ctx) {
            HttpGetTool.Builder b = HttpGetTool.builder().allowHosts(s.allowedHosts());
            if (Boolean.TRUE.equals(s.allowPrivateAddresses())) b.allowPrivateAddresses(true);
            if (s.maxBytes() != null) b.maxBytes(s.maxBytes());
            if (s.timeoutMillis() != null) b.timeout(Duration.ofMillis(s.timeoutMillis()));
            return new ToolBox(List.of(b.build()));
        }
    }

    /** {@code type: retriever}. */
    public record RetrieverSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The retriever to search") Ref retriever,
            @JsonProperty(required = true) @JsonPropertyDescription("What the tool searches, for the model") String description,
            @JsonPropertyDescription("Most results returned (default 4)") Integer maxResults) {
        public RetrieverSpec {
            if (description == null || description.isBlank()) throw new IllegalArgumentException("description must not be blank");
            if (maxResults != null && maxResults < 1) throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
        }
    }

    /** A retriever as a tool; the tool is named after the component. */
    public static final class RetrieverTools extends ToolType<RetrieverSpec> {
        public RetrieverTools() { super("retriever", RetrieverSpec.class, "Searches a retriever (tool name: the component name)"); }
        @Override public ToolBox create(RetrieverSpec s, ComponentContext ctx) {
            Retriever retriever = Retriever.of(ctx.resolve(s.retriever(), ContentRetriever.class));
            String name = ctx.name().isBlank() ? "search" : ctx.name();
            return new ToolBox(List.of(new RetrieverTool(name, s.description(), retriever, s.maxResults() == null ? 4 : s.maxResults())));
        }
    }

    /** {@code type: methods}. */
    public record MethodsSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("A host object with @Tool methods, e.g. {bean: orders}") Ref target) {}

    /** The {@code @Tool} methods of a host object (usually {@code target: {bean: name}}). */
    public static final class Methods extends ToolType<MethodsSpec> {
        public Methods() { super("methods", MethodsSpec.class, "The @Tool methods of a host bean"); }
        @Override public ToolBox create(MethodsSpec s, ComponentContext ctx) {
            return new ToolBox(ToolBox.toolsOf(ctx.resolve(s.target(), Object.class)));
        }
    }
}
