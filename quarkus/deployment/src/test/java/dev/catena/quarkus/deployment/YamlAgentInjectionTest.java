package dev.catena.quarkus.deployment;

import dev.catena.agents.AgentResult;
import dev.catena.agents.StopReason;
import dev.catena.core.runnable.Runnable;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A YAML agent injects by its generic type, {@code Runnable<String, AgentResult>}, and runs. */
class YamlAgentInjectionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("""
                            apiVersion: catena/v1
                            kind: Bundle
                            models:
                              - name: agent-model
                                type: scripted
                                responses: ["Thought: I know this\\nFinal Answer: forty-two"]
                            agents:
                              - name: reader
                                type: react
                                model: {ref: agent-model}
                                maxIterations: 2
                            """), "catena/reader.yaml"));

    @Inject
    @Named("reader")
    Runnable<String, AgentResult> reader;

    @Test
    void yamlAgentRunsThroughItsGenericType() {
        AgentResult result = reader.invoke("What is the answer?");

        assertThat(result.output()).isEqualTo("forty-two");
        assertThat(result.stopReason()).isEqualTo(StopReason.FINAL_ANSWER);
    }
}
