package dev.catena.agents.react;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReActParserTest {

    private final ReActParser parser = new ReActParser();

    @Test
    void readsAnAction() {
        assertThat(parser.parse("Thought: I should add.\nAction: calculator\nAction Input: {\"expression\": \"1+2\"}"))
                .isEqualTo(new ReActOutput.Act("I should add.", "calculator", "{\"expression\": \"1+2\"}"));
    }

    @Test
    void readsAFinalAnswer() {
        assertThat(parser.parse("Thought: done\nFinal Answer: Paris\nis the capital"))
                .isEqualTo(new ReActOutput.Finish("done", "Paris\nis the capital"));
    }

    @Test
    void toleratesMarkdownCaseNumbersFencesAndChatter() {
        assertThat(parser.parse("**Thought:** add\n**Action:** `Calculator`\n**Action Input:**\n```json\n{\"expression\": \"2*3\"}\n```\nI hope this helps"))
                .isEqualTo(new ReActOutput.Act("add", "Calculator", "{\"expression\": \"2*3\"}"));
        assertThat(parser.parse("thought: x\naction 1: lookup\naction 1 input: cats and dogs\nmore text"))
                .isEqualTo(new ReActOutput.Act("x", "lookup", "cats and dogs"));
        assertThat(parser.parse("Action: current_datetime()")).isEqualTo(new ReActOutput.Act("", "current_datetime", ""));
        assertThat(parser.parse("## Final Answer: 42")).isEqualTo(new ReActOutput.Finish("", "42"));
        assertThat(parser.parse("Action: calculator\nAction Input: {\"expression\": \"1\"} and then }"))
                .isEqualTo(new ReActOutput.Act("", "calculator", "{\"expression\": \"1\"}"));
    }

    @Test
    void ignoresInventedObservationsAndWhatFollows() {
        assertThat(parser.parse("Action: calculator\nAction Input: 1+1\nObservation: 3\nFinal Answer: 3"))
                .isEqualTo(new ReActOutput.Act("", "calculator", "1+1"));
    }

    @Test
    void firstOfActionAndFinalAnswerWins() {
        assertThat(parser.parse("Final Answer: 4\nAction: calculator\nAction Input: 2+2")).isEqualTo(new ReActOutput.Finish("", "4\nAction: calculator\nAction Input: 2+2"));
    }

    @Test
    void reportsWhatIsMissing() {
        assertThat(parser.parse("The answer is four.")).isInstanceOfSatisfying(ReActOutput.Invalid.class,
                i -> assertThat(i.error()).contains("Could not find 'Action:' or 'Final Answer:'"));
        assertThat(parser.parse("Final Answer:   ")).isInstanceOfSatisfying(ReActOutput.Invalid.class,
                i -> assertThat(i.error()).contains("empty"));
        assertThat(parser.parse("Thought: hmm\nAction:   \nAction Input: 1")).isInstanceOf(ReActOutput.Invalid.class);
        assertThat(parser.parse(null)).isInstanceOf(ReActOutput.Invalid.class);
        // a small model echoing the format reminder ("... or 'Final Answer:'.") has not answered
        assertThat(parser.parse("Reply with 'Thought:' then either 'Action:' and 'Action Input:', or 'Final Answer:'."))
                .isInstanceOfSatisfying(ReActOutput.Invalid.class, i -> assertThat(i.error()).contains("no answer"));
        assertThat(parser.parse("Final Answer: 42.")).isEqualTo(new ReActOutput.Finish("", "42."));
    }
}
