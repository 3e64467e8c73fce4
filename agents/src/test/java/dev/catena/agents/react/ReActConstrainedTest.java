package dev.catena.agents.react;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.agents.AgentLimits;
import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.builtin.Calculator;
import dev.catena.agents.tool.builtin.CalculatorTool;
import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A model that can constrain decoding is held to the ReAct protocol; one that cannot is called as before. */
class ReActConstrainedTest {

    private static final AgentTool LOOKUP = AgentTool.of("lookup", "Looks up a fact", q -> "Paris");

    /** Answers from a script; records the constraints asked for and which requests went through a constrained view. */
    private static final class ConstrainableModel implements ChatModel, ConstrainedGeneration {
        final ScriptedChatModel script;
        final List<OutputConstraint> constraints = new ArrayList<>();
        int constrainedCalls;

        ConstrainableModel(String... replies) {
            script = ScriptedChatModel.of(replies);
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return script.doChat(request);
        }

        @Override
        public ChatModel constrainedTo(OutputConstraint constraint) {
            constraints.add(constraint);
            return new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    constrainedCalls++;
                    return script.doChat(request);
                }
            };
        }
    }

    @Test
    void everyStepGoesThroughTheProtocolGrammar() throws Exception {
        ConstrainableModel model = new ConstrainableModel(
                "Thought: look it up\nAction: lookup\nAction Input: {\"input\": \"capital of France\"}",
                "Thought: I know\nFinal Answer: Paris");
        ReActAgent agent = ReActAgent.builder().model(model).tool(LOOKUP).tool(new CalculatorTool()).build();

        AgentResult result = agent.invoke("Capital of France?");

        assertThat(result.output()).isEqualTo("Paris");
        assertThat(model.constrainedCalls).isEqualTo(2);
        assertThat(model.constraints).hasSize(1);
        OutputConstraint c = model.constraints.getFirst();
        assertThat(c.grammar()).startsWith("root ::= \"Thought: \" thought \"\\n\" (action | final)")
                .contains("thought ::= [^\\n:]{1,200}")
                .contains("action ::= \"Action: \" (tool0 | tool1)")
                .contains("tool0 ::= \"lookup\" \"\\nAction Input: \" input0")
                .contains("tool1 ::= \"calculator\" \"\\nAction Input: \" input1")
                .contains("final ::= \"Final Answer: \" [^\\n]{1,400}");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(c.jsonSchemas().get("input0")).at("/properties/input/type").asText()).isEqualTo("string");
        assertThat(json.readTree(c.jsonSchemas().get("input1")).at("/properties/expression/type").asText()).isEqualTo("string");
    }

    @Test
    void aRepeatedCallIsAnsweredAndTheNextTurnCanOnlyBeTheFinalAnswer() {
        String act = "Thought: look it up\nAction: lookup\nAction Input: {\"input\": \"capital of France\"}";
        ConstrainableModel model = new ConstrainableModel(act, act.replace("{\"input\"", "{ \"input\""), "Thought: done\nFinal Answer: Paris");
        ReActAgent agent = ReActAgent.builder().model(model).tool(LOOKUP).build();

        AgentResult result = agent.invoke("Capital of France?");

        assertThat(result.output()).isEqualTo("Paris");
        assertThat(result.steps(AgentStep.Action.class)).hasSize(2);
        assertThat(model.constraints).hasSize(2);
        assertThat(model.constraints.get(1).grammar()).startsWith("root ::= \"Thought: I now know the final answer.\\n\" final\n")
                .doesNotContain("Action");
        List<ChatRequest> requests = model.script.requests();
        assertThat(((UserMessage) requests.get(1).messages().getLast()).singleText())
                .endsWith("If this answers the question \"Capital of France?\", write the Final Answer; otherwise use a tool.");
        assertThat(((UserMessage) requests.get(2).messages().getLast()).singleText())
                .isEqualTo("Observation: you already made this call with the same input. Write the Final Answer to the question "
                        + "\"Capital of France?\" from its result:\n<tool_output source=\"lookup\">\nParis\n</tool_output>");
    }

    @Test
    void theLastTurnAndATurnWithoutToolCallsLeftCanOnlyBeTheFinalAnswer() {
        ConstrainableModel lastTurn = new ConstrainableModel(
                "Thought: a\nAction: lookup\nAction Input: {\"input\": \"a\"}", "Thought: b\nFinal Answer: Paris");
        ReActAgent.builder().model(lastTurn).tool(LOOKUP).limits(AgentLimits.defaults().withMaxIterations(2)).build().invoke("q");
        assertThat(lastTurn.constraints).extracting(c -> c.grammar().contains("action")).containsExactly(true, false);

        ConstrainableModel noCallsLeft = new ConstrainableModel(
                "Thought: a\nAction: lookup\nAction Input: {\"input\": \"a\"}", "Thought: b\nFinal Answer: Paris");
        ReActAgent.builder().model(noCallsLeft).tool(LOOKUP).limits(AgentLimits.defaults().withMaxToolCalls(1)).build().invoke("q");
        assertThat(noCallsLeft.constraints).extracting(c -> c.grammar().contains("action")).containsExactly(true, false);
    }

    @Test
    void withRequiredToolUseTheFirstTurnCanOnlyCallATool() {
        ConstrainableModel model = new ConstrainableModel(
                "Thought: look it up\nAction: lookup\nAction Input: {\"input\": \"capital of France\"}",
                "Thought: I know\nFinal Answer: Paris");
        ReActAgent.builder().model(model).tool(LOOKUP).requireToolUse(true).build().invoke("Capital of France?");

        assertThat(model.constraints).hasSize(2);
        assertThat(model.constraints.get(0).grammar()).startsWith("root ::= \"Thought: \" thought \"\\n\" action\n")
                .doesNotContain("(action | final)");
        assertThat(model.constraints.get(1).grammar()).contains("(action | final)");
    }

    @Test
    void withTheQuestionRestatedTheThoughtIsTheQuestionOnOneLineAndAfterAResultTheModelAnswersOrActsAgain() {
        ConstrainableModel model = new ConstrainableModel(
                "Thought: The question is: Capital of \"France\"?\nAction: lookup\nAction Input: {\"input\": \"capital of France\"}",
                "Thought: I now know the final answer.\nFinal Answer: Paris");
        AgentResult result = ReActAgent.builder().model(model).tool(LOOKUP).restateQuestion(true).build().invoke("Capital of\n\"France\"?");

        assertThat(result.output()).isEqualTo("Paris");
        assertThat(model.constraints).hasSize(2);
        assertThat(model.constraints.get(0).grammar())
                .startsWith("root ::= \"Thought: The question is: Capital of \\\"France\\\"?\\n\" (action | final)\n")
                .doesNotContain("thought \"\\n\"");
        assertThat(model.constraints.get(1).grammar()).startsWith("root ::= \"Thought: I now know the final answer.\\n\" final | "
                + "\"Thought: I need another step for the question: Capital of \\\"France\\\"?\\n\" action\n");
    }

    @Test
    void afterAnErrorTheRestatedQuestionStillLeadsToAnActionOrAnAnswer() {
        AgentTool failing = AgentTool.of("lookup", "Looks up a fact", q -> {
            throw new IllegalStateException("down");
        });
        ConstrainableModel model = new ConstrainableModel(
                "Thought: The question is: q\nAction: lookup\nAction Input: {\"input\": \"a\"}",
                "Thought: The question is: q\nFinal Answer: unknown");
        ReActAgent.builder().model(model).tool(failing).restateQuestion(true).build().invoke("q");

        assertThat(model.constraints).extracting(OutputConstraint::grammar)
                .allSatisfy(g -> assertThat(g).startsWith("root ::= \"Thought: The question is: q\\n\" (action | final)\n"));
    }

    @Test
    void withQuotedObservationsTheFinalAnswerIsASentenceOfTheToolsResults() {
        AgentTool handbook = AgentTool.of("handbook", "Searches the handbook", q ->
                "[1] ## Day tickets\n- Adult ticket: 14 EUR.\n- Child ticket (ages 6 to 15): 8 EUR. Children under 6 enter free.");
        ConstrainableModel model = new ConstrainableModel(
                "Thought: search\nAction: handbook\nAction Input: {\"input\": \"adult ticket\"}",
                "Thought: found\nFinal Answer: Adult ticket: 14 EUR.");
        AgentResult result = ReActAgent.builder().model(model).tool(handbook).quoteObservations(true).build().invoke("Adult ticket?");

        assertThat(result.output()).isEqualTo("Adult ticket: 14 EUR.");
        assertThat(model.constraints).hasSize(2);
        assertThat(model.constraints.get(0).grammar()).contains("final ::= \"Final Answer: \" [^\\n]{1,400}\n");
        assertThat(model.constraints.get(1).grammar())
                .startsWith("root ::= \"Thought: \" thought \"\\n\" (action | final)\n")
                .contains("final ::= \"Final Answer: \" (\"Adult ticket: 14 EUR.\" | \"Child ticket (ages 6 to 15): 8 EUR.\" | "
                        + "\"Children under 6 enter free.\")\n")
                .doesNotContain("Day tickets").doesNotContain("[^\\n]{1,400}");
    }

    @Test
    void aTurnThatMustAnswerQuotesEveryResultSoFarButNoError() {
        int[] calls = {0};
        AgentTool calculator = AgentTool.of("calc", "Computes", q -> {
            if (++calls[0] == 2) throw new IllegalStateException("bad input");
            return calls[0] == 1 ? "613" : "1387";
        });
        String act = "Thought: The question is: q\nAction: calc\nAction Input: {\"input\": \"%s\"}";
        ConstrainableModel model = new ConstrainableModel(act.formatted("1000 - 387"), act.formatted("x"), act.formatted("1000 + 387"),
                act.formatted("1000 + 387"), "Thought: I now know the final answer.\nFinal Answer: 613");
        AgentResult result = ReActAgent.builder().model(model).tool(calculator).restateQuestion(true).quoteObservations(true).build()
                .invoke("q");

        assertThat(result.output()).isEqualTo("613");
        assertThat(model.constraints).hasSize(5);
        assertThat(model.constraints.get(1).grammar()).contains("final ::= \"Final Answer: \" (\"613\")\n");
        assertThat(model.constraints.get(3).grammar()).contains("final ::= \"Final Answer: \" (\"613\" | \"1387\")\n");
        assertThat(model.constraints.get(4).grammar()).isEqualTo("root ::= \"Thought: I now know the final answer.\\n\" final\n"
                + "thought ::= [^\\n:]{1,200}\nfinal ::= \"Final Answer: \" (\"613\" | \"1387\")\n");
    }

    @Test
    void withGroundedArgumentsTheCalculatorIsOfferedOnlyWithTheNumbersSeenSoFar() throws Exception {
        AgentTool handbook = AgentTool.of("handbook", "Searches the handbook", q -> "A family pass costs 36 EUR.");
        ConstrainableModel model = new ConstrainableModel(
                "Thought: The question is: q\nAction: handbook\nAction Input: {\"input\": \"family pass\"}",
                "Thought: I need another step for the question: q\nAction: calculator\nAction Input: {\"expression\": \"36 * 2\"}",
                "Thought: I now know the final answer.\nFinal Answer: 72");
        AgentResult result = ReActAgent.builder().model(model).tool(new CalculatorTool()).tool(handbook)
                .requireToolUse(true).restateQuestion(true).groundArguments(true).build()
                .invoke("What do two family passes cost?");

        assertThat(result.output()).isEqualTo("72");
        assertThat(model.constraints).hasSize(3);
        assertThat(model.constraints.get(0).grammar()).as("no number in the question: no calculator")
                .contains("action ::= \"Action: \" (tool0)\n").contains("tool0 ::= \"handbook\"").doesNotContain("calculator");
        OutputConstraint second = model.constraints.get(1);
        assertThat(second.grammar()).contains("tool0 ::= \"calculator\"").contains("tool1 ::= \"handbook\"");
        String pattern = new ObjectMapper().readTree(second.jsonSchemas().get("input0")).at("/properties/expression/pattern").asText();
        assertThat("36 * 2").as("2 was written as a word").doesNotMatch(pattern);
        assertThat("36 + 36").matches(pattern);
    }

    @Test
    void withNoGroundedToolLeftToOfferTheTurnCanOnlyAnswer() {
        ConstrainableModel model = new ConstrainableModel("Thought: The question is: q\nFinal Answer: I cannot calculate that.");
        AgentResult result = ReActAgent.builder().model(model).tool(new CalculatorTool()).requireToolUse(true).restateQuestion(true)
                .groundArguments(true).build().invoke("How wide is the lens?");

        assertThat(result.output()).isEqualTo("I cannot calculate that.");
        assertThat(model.constraints.getFirst().grammar()).contains("action ::= final\n").doesNotContain("calculator");
    }

    @Test
    void withoutGroundingEveryToolIsOfferedWithItsOwnSchema() throws Exception {
        ConstrainableModel model = new ConstrainableModel("Thought: The question is: q\nFinal Answer: none");
        ReActAgent.builder().model(model).tool(new CalculatorTool()).restateQuestion(true).build().invoke("How wide is the lens?");

        OutputConstraint c = model.constraints.getFirst();
        assertThat(c.grammar()).contains("tool0 ::= \"calculator\"");
        assertThat(new ObjectMapper().readTree(c.jsonSchemas().get("input0")).at("/properties/expression/pattern").asText())
                .isEqualTo(Calculator.EXPRESSION);
    }

    @Test
    void aModelWithoutConstraintsIsCalledDirectly() {
        ScriptedChatModel model = ScriptedChatModel.of("Thought: easy\nFinal Answer: 4");
        AgentResult result = ReActAgent.builder().model(model).tool(new CalculatorTool()).build().invoke("2+2?");
        assertThat(result.output()).isEqualTo("4");
        assertThat(model.requests()).hasSize(1);
    }
}
