package dev.catena.samples.react;

import dev.catena.cli.agents.AgentCommand;
import dev.catena.testing.ExternalInputs;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled agent file on the real SmolLM2-135M-Instruct, which constrains its decoding: whatever the model prefers,
 * its turns follow the protocol and its tool calls are grounded in what it has read (a question without numbers
 * cannot go to the calculator; a calculation uses only the question's numbers).
 */
class RealSmolLmAgentTest {

    private static final Pattern CALCULATION = Pattern.compile("Action: calculator\\nAction Input: \\{\\s*\"expression\": \"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private static String run(String question) {
        Path gguf = ExternalInputs.model("SmolLM2-135M-Instruct.Q4_1.gguf", "bash .ci/setup.d/11-smollm2.sh");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReactAgentSample());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--gguf", gguf.toString(), "--input", question);
        assertThat(code).as(out + "\n" + err).isEqualTo(AgentCommand.ANSWERED);
        return out.toString();
    }

    @Test
    void aQuestionWithoutNumbersGoesToTheHandbookFirst() {
        String trace = run("How wide is the lens of the Great Refractor?");

        assertThat(trace).contains("Action: ");
        assertThat(trace.substring(trace.indexOf("Action: "))).startsWith("Action: search_handbook\nAction Input: {");
    }

    @Test
    void aCalculationUsesOnlyTheNumbersOfTheQuestion() {
        String trace = run("What is 98765 divided by 5?");

        Matcher calculation = CALCULATION.matcher(trace);
        assertThat(calculation.find()).as(trace).isTrue();
        do {
            List<String> numbers = NUMBER.matcher(calculation.group(1)).results().map(m -> m.group()).toList();
            assertThat(numbers).as(calculation.group(1)).isNotEmpty().allSatisfy(n -> assertThat(n).isIn("98765", "5"));
        } while (calculation.find());
    }
}
