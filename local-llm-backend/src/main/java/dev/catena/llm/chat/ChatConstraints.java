package dev.catena.llm.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.llm.constraint.grammar.CodePointSet;
import dev.catena.core.model.OutputConstraint;
import dev.catena.llm.constraint.grammar.Expr;
import dev.catena.llm.constraint.grammar.Gbnf;
import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.schema.JsonSchemaGrammar;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grammar a chat request's output must follow: the JSON (or JSON Schema) of its response format, and, when
 * tools are given, a tool call {@code {"name": <a declared tool>, "arguments": <valid for that tool>}} (bare or in
 * {@code <tool_call>} tags, the forms {@link ToolCallParser} reads) unless the reply is plain text (which must
 * then not begin with {@code {}, {@code <} or whitespace), or must be a call when the tool choice is required.
 */
final class ChatConstraints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatConstraints() {
    }

    /** A canonical description of what the request constrains (a cache key), or {@code null} when nothing. */
    static String key(ChatRequest request, List<ToolSpecification> tools) {
        JsonNode response = responseSchema(request.responseFormat());
        if (response == null && tools.isEmpty()) {
            return null;
        }
        ObjectNode key = JSON.createObjectNode();
        key.set("response", response);
        key.put("required", request.toolChoice() == ToolChoice.REQUIRED);
        key.set("tools", JSON.valueToTree(tools.stream().map(ChatConstraints::toolSchema).toList()));
        key.set("names", JSON.valueToTree(tools.stream().map(ToolSpecification::name).toList()));
        return key.toString();
    }

    /** The grammar for a {@link #key}. */
    static Grammar grammar(String key) {
        JsonNode k;
        try {
            k = JSON.readTree(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, Expr> rules = new LinkedHashMap<>();
        rules.put("root", Expr.empty());
        List<Expr> choices = new ArrayList<>();
        JsonNode names = k.get("names");
        if (!names.isEmpty()) {
            List<Expr> calls = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String prefix = "tool" + i + "-";
                rules.putAll(JsonSchemaGrammar.rules(k.get("tools").get(i), prefix));
                calls.add(Expr.seq(Expr.literal(JSON.valueToTree(names.get(i).asText()).toString()), space(),
                        Expr.literal(","), space(), Expr.literal("\"arguments\""), space(), Expr.literal(":"), space(),
                        Expr.ref(prefix + "root")));
            }
            rules.put("call", Expr.seq(Expr.literal("{"), space(), Expr.literal("\"name\""), space(), Expr.literal(":"),
                    space(), calls.size() == 1 ? calls.getFirst() : new Expr.Alt(calls),
                    space(), Expr.literal("}")));
            Expr lead = new Expr.Repeat(new CodePointSet().add(' ').add('\n').toExpr(), 0, 4);
            choices.add(Expr.seq(lead, Expr.alt(Expr.ref("call"),
                    Expr.seq(Expr.literal("<tool_call>"), lead, Expr.ref("call"), lead, Expr.literal("</tool_call>")))));
        }
        JsonNode response = k.get("response");
        if (response != null && !response.isNull()) {
            rules.putAll(JsonSchemaGrammar.rules(response, "response-"));
            choices.add(Expr.ref("response-root"));
        } else if (!names.isEmpty() && !k.get("required").asBoolean()) {
            Expr any = new CodePointSet().add(0, Character.MAX_CODE_POINT).toExpr();
            Expr first = new CodePointSet().add('{').add('<').add(' ').add('\n').add('\t').add('\r').complement();
            choices.add(Expr.optional(Expr.seq(first, new Expr.Repeat(any, 0, -1))));
        }
        rules.put("root", choices.size() == 1 ? choices.getFirst() : new Expr.Alt(choices));
        return Grammar.of(rules, "root");
    }

    /**
     * The grammar of an {@link OutputConstraint}: its GBNF rules plus one rule per named JSON Schema.
     *
     * @throws IllegalArgumentException for a grammar error, a schema that is not JSON or an unsupported keyword
     */
    static Grammar grammar(OutputConstraint constraint) {
        Map<String, Expr> rules = new LinkedHashMap<>(Gbnf.rules(constraint.grammar()));
        constraint.jsonSchemas().forEach((name, schema) -> {
            if (rules.containsKey(name)) {
                throw new IllegalArgumentException("rule '" + name + "' is defined both in the grammar and as a JSON Schema");
            }
            JsonNode node;
            try {
                node = JSON.readTree(schema);
            } catch (Exception e) {
                throw new IllegalArgumentException("JSON Schema of rule '" + name + "' is not valid JSON: " + e.getMessage(), e);
            }
            rules.putAll(JsonSchemaGrammar.rules(node, name + "-schema-"));
            rules.put(name, Expr.ref(name + "-schema-root"));
        });
        return Grammar.of(rules, "root");
    }

    private static Expr space() {
        return Expr.optional(Expr.literal(" "));
    }

    /** The schema of the response format, {@code {"type": "object"}} for JSON without one, or {@code null}. */
    private static JsonNode responseSchema(ResponseFormat format) {
        if (format == null || format.type() != ResponseFormatType.JSON) {
            return null;
        }
        if (format.jsonSchema() == null || format.jsonSchema().rootElement() == null) {
            return JSON.createObjectNode().put("type", "object");
        }
        return JSON.valueToTree(JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement()));
    }

    private static Map<String, Object> toolSchema(ToolSpecification t) {
        if (t.parameters() == null) {
            return Map.of("type", "object", "properties", Map.of());
        }
        return JsonSchemaElementUtils.toMap(t.parameters());
    }
}
