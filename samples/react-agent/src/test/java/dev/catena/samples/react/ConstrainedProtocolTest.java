package dev.catena.samples.react;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.agents.AgentResult;
import dev.catena.agents.react.ReActAgent;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.builtin.CalculatorTool;
import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.catena.llm.constraint.grammar.Expr;
import dev.catena.llm.constraint.grammar.Gbnf;
import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.mask.ByteAutomaton;
import dev.catena.llm.constraint.schema.JsonSchemaGrammar;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ReAct agent's constraints as the local backend's constraint engine compiles them, with the sample's options
 * ({@code requireToolUse}, {@code restateQuestion}, {@code quoteObservations}, {@code groundArguments}) and its real calculator: each turn a
 * constrained model may write is accepted, and what small models wrote before (a bare number for the calculator, an
 * answer of its own after the right result) is refused.
 */
class ConstrainedProtocolTest {

    private static final AgentTool HANDBOOK = AgentTool.of("search_handbook", "Searches the handbook",
            q -> "[1] ## Day tickets\n- Adult ticket: 14 EUR.\n- Child ticket (ages 6 to 15): 8 EUR. Children under 6 enter free.");

    /** Replies from a script; each constrained reply must be accepted by the compiled constraint of its turn. */
    private static final class GrammarCheckedModel implements ChatModel, ConstrainedGeneration {
        final ScriptedChatModel script;
        final List<ByteAutomaton> turns = new ArrayList<>();

        GrammarCheckedModel(String... replies) {
            script = ScriptedChatModel.of(replies);
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            throw new AssertionError("every turn should be constrained");
        }

        @Override
        public ChatModel constrainedTo(OutputConstraint constraint) {
            ByteAutomaton automaton = new ByteAutomaton(compile(constraint), 100_000);
            turns.add(automaton);
            return new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    ChatResponse response = script.doChat(request);
                    assertThat(accepts(automaton, response.aiMessage().text())).as("turn %d accepts %s", turns.size(),
                            response.aiMessage().text()).isTrue();
                    return response;
                }
            };
        }
    }

    private static ReActAgent agent(ChatModel model) {
        return ReActAgent.builder().model(model).tool(new CalculatorTool()).tool(HANDBOOK)
                .requireToolUse(true).restateQuestion(true).quoteObservations(true).groundArguments(true).build();
    }

    @Test
    void aCalculationAndItsQuotedResultAreAcceptedAndAnAnswerOfTheModelsOwnIsNot() {
        GrammarCheckedModel model = new GrammarCheckedModel(
                "Thought: The question is: What is 37 multiplied by 91?\nAction: calculator\nAction Input: {\"expression\": \"37 * 91\"}",
                "Thought: I now know the final answer.\nFinal Answer: 3367");
        AgentResult result = agent(model).invoke("What is 37 multiplied by 91?");

        assertThat(result.output()).isEqualTo("3367");
        ByteAutomaton first = model.turns.get(0);
        String act = "Thought: The question is: What is 37 multiplied by 91?\nAction: calculator\nAction Input: {\"expression\": \"%s\"}";
        assertThat(accepts(first, act.formatted("(37 + 91) * 37"))).isTrue();
        assertThat(accepts(first, act.formatted("sqrt(91)"))).isTrue();
        assertThat(accepts(first, act.formatted("12 * 7"))).as("numbers the question does not have").isFalse();
        assertThat(accepts(first, act.formatted("37"))).as("a bare number").isFalse();
        assertThat(accepts(first, act.formatted("37.00 * 91"))).isFalse();
        assertThat(accepts(first, act.formatted("37 multiplied by 91"))).isFalse();
        assertThat(accepts(first, "Thought: The question is: What is 37 multiplied by 91?\nFinal Answer: 3367"))
                .as("an answer before any tool call").isFalse();

        ByteAutomaton second = model.turns.get(1);
        assertThat(accepts(second, "Thought: I now know the final answer.\nFinal Answer: 37 * 91")).isFalse();
        assertThat(accepts(second, "Thought: I now know the final answer.\nFinal Answer: 3367.")).isFalse();
        assertThat(accepts(second, act.replace("The question is: ", "I need another step for the question: ").formatted("3367 - 37 * 91")))
                .as("another action, with the result's number").isTrue();
        assertThat(accepts(second, act.formatted("3367 - 37 * 91"))).as("the first turn's thought").isFalse();
        assertThat(accepts(second, "Thought: I now know the final answer.\nAction: calculator\nAction Input: {\"expression\": \"37 + 91\"}"))
                .isFalse();
    }

    @Test
    void aHandbookAnswerIsOneOfTheFoundSentences() {
        GrammarCheckedModel model = new GrammarCheckedModel(
                "Thought: The question is: How much does an adult ticket cost?\nAction: search_handbook\nAction Input: {\"input\": \"adult\"}",
                "Thought: I now know the final answer.\nFinal Answer: Adult ticket: 14 EUR.");
        assertThat(agent(model).invoke("How much does an adult ticket cost?").output()).isEqualTo("Adult ticket: 14 EUR.");

        String calculation = "Thought: The question is: How much does an adult ticket cost?\nAction: calculator\nAction Input: {\"expression\": \"%s\"}";
        assertThat(accepts(model.turns.get(0), calculation.formatted("12 * 7"))).as("no number to calculate with").isFalse();
        assertThat(accepts(model.turns.get(0), calculation.formatted("pi * pi"))).isFalse();
        ByteAutomaton answer = model.turns.get(1);
        assertThat(accepts(answer, "Thought: I need another step for the question: How much does an adult ticket cost?\nAction: calculator"
                + "\nAction Input: {\"expression\": \"14 * 6\"}")).as("numbers of the result").isTrue();
        String known = "Thought: I now know the final answer.\nFinal Answer: ";
        assertThat(accepts(answer, known + "Children under 6 enter free.")).isTrue();
        assertThat(accepts(answer, known + "Day tickets")).as("a heading").isFalse();
        assertThat(accepts(answer, known + "Adult ticket: 22.5 EUR.")).isFalse();
        assertThat(accepts(answer, known + "Adult ticket")).as("part of a sentence").isFalse();
    }

    /** The grammar of a constraint as the local backend builds it: the GBNF rules plus one rule per JSON Schema. */
    private static Grammar compile(OutputConstraint constraint) {
        Map<String, Expr> rules = new LinkedHashMap<>(Gbnf.rules(constraint.grammar()));
        constraint.jsonSchemas().forEach((name, schema) -> {
            try {
                rules.putAll(JsonSchemaGrammar.rules(new ObjectMapper().readTree(schema), name + "-schema-"));
            } catch (Exception e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
            rules.put(name, Expr.ref(name + "-schema-root"));
        });
        return Grammar.of(rules, "root");
    }

    private static boolean accepts(ByteAutomaton automaton, String text) {
        int state = automaton.walk(automaton.start(), text.getBytes(StandardCharsets.UTF_8));
        return state != ByteAutomaton.DEAD && automaton.accepting(state);
    }
}
