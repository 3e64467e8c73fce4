package dev.catena.quarkus.deployment;

import dev.catena.agents.AgentResult;
import dev.catena.core.runnable.Runnable;
import dev.catena.llm.compute.kernel.KernelBackends;
import dev.catena.quarkus.RegisterCatenaService;
import dev.catena.quarkus.runtime.devui.CatenaJsonRpcService;
import dev.catena.quarkus.runtime.devui.RunNode;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.catena.quarkus.deployment.DevUiCapture.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dev UI card of a test application: its build-time data lists the models, chains and agents
 * with their source and validation state, typed services, the memory store and MCP clients; its
 * JSON-RPC methods answer what only the running application knows: the kernels, context and slots
 * of a local model, each component's state, and the last runs as trees with their child runs.
 */
class DevUiCardTest {

    static final String APP_YAML = """
            apiVersion: catena/v1
            kind: Bundle
            models:
              - {name: chain-model, type: scripted, responses: ["Hello, Ada"]}
              - {name: agent-model, type: scripted, responses: ["Final Answer: ok"]}
            chains:
              - {name: greet, type: llm, model: {ref: chain-model}, template: "Greet {who}"}
            agents:
              - {name: reader, type: react, model: {ref: agent-model}, maxIterations: 2}
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Helper.class, DevUiCapture.class).addAsResource(new StringAsset(APP_YAML), "catena/app.yaml"))
            .overrideConfigKey("quarkus.catena.models.remote.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.remote.responses", "hi")
            .overrideConfigKey("quarkus.catena.models.local.type", "local-gguf")
            .overrideConfigKey("quarkus.catena.models.local.path", System.getProperty("catena.test.gguf"))
            .overrideConfigKey("quarkus.catena.models.local.threads", "1")
            .overrideConfigKey("quarkus.catena.models.local.context-length", "64")
            .overrideConfigKey("quarkus.catena.models.local.slots", "2")
            .overrideConfigKey("quarkus.catena.models.local.kv-cache", "f16")
            .overrideConfigKey("quarkus.catena.local.kernels", "scalar")
            .overrideConfigKey("quarkus.catena.memory.store", "memory")
            .overrideConfigKey("quarkus.catena.mcp.docs.url", "http://127.0.0.1:9/mcp")
            .overrideConfigKey("quarkus.catena.mcp.docs.lazy", "true")
            .addBuildChainCustomizer(DevUiCapture.step());

    @RegisterCatenaService(model = "remote", mcpClients = "docs")
    public interface Helper {
        String ask(String question);
    }

    @Inject
    CatenaJsonRpcService devUi;

    @Inject
    @Named("greet")
    Runnable<Map<String, Object>, Object> greet;

    @Inject
    @Named("reader")
    Runnable<String, AgentResult> reader;

    @AfterAll
    static void clear() {
        DevUiCapture.clear();
    }

    @Test
    void modelsFromPropertiesAndYamlAreListedWithTheirTypeOriginAndSource() {
        assertThat(data(CatenaDevUiProcessor.MODELS))
                .contains("{name=remote, kind=Model, type=scripted, declaredIn=quarkus.catena.models.remote, "
                        + "source=quarkus.catena.models.remote.responses=hi\nquarkus.catena.models.remote.type=scripted\n")
                .contains("{name=local, kind=Model, type=local-gguf, declaredIn=quarkus.catena.models.local")
                .contains("{name=chain-model, kind=Model, type=scripted, declaredIn=catena/app.yaml, source=" + APP_YAML + ", validation=valid}");
    }

    @Test
    void chainsAndAgentsAreListedWithTheirYamlAndValidationState() {
        assertThat(data(CatenaDevUiProcessor.COMPONENTS))
                .contains("{name=greet, kind=Chain, type=llm, declaredIn=catena/app.yaml, source=" + APP_YAML + ", validation=valid}")
                .contains("{name=reader, kind=Agent, type=react, declaredIn=catena/app.yaml, source=" + APP_YAML + ", validation=valid}")
                .doesNotContain("name=chain-model");
        assertThat(data(CatenaDevUiProcessor.FILES))
                .isEqualTo("[{file=catena/app.yaml, validation=valid, components=agent-model, chain-model, greet, reader}]");
    }

    @Test
    void typedServicesMemoryMcpClientsAndPagesAreListed() {
        assertThat(data(CatenaDevUiProcessor.SERVICES))
                .contains("service=" + Helper.class.getName()).contains("model=remote").contains("mcpClients=docs");
        assertThat(data(CatenaDevUiProcessor.MEMORY)).isEqualTo("{store=memory}");
        assertThat(data(CatenaDevUiProcessor.MCP_CLIENTS)).isEqualTo("[{name=docs}]");
        assertThat(data("pages")).isEqualTo("[Models, Chains and agents, Traces, Typed services, Memory store, MCP clients]");
        assertThat(data("componentLinks")).isEqualTo("[qwc-catena-models.js, qwc-catena-components.js, qwc-catena-traces.js]");
        for (String link : List.of(CatenaDevUiProcessor.MODELS_PAGE, CatenaDevUiProcessor.COMPONENTS_PAGE, CatenaDevUiProcessor.TRACES_PAGE)) {
            assertThat(Path.of("src/main/resources/dev-ui", link)).as("web component %s", link).isRegularFile();
        }
    }

    @Test
    void theLocalModelShowsTheKernelsContextAndSlotsTheRuntimeChose() throws java.io.IOException {
        Map<String, Object> local = devUi.models().stream().filter(m -> m.get("name").equals("local")).findFirst().orElseThrow();
        assertThat(local)
                .containsEntry("status", "ready")
                .containsEntry("implementation", "LocalChatModel")
                .containsEntry("file", Path.of(System.getProperty("catena.test.gguf")).toRealPath().toString())
                .containsEntry("kernels", KernelBackends.byName("scalar").description())
                .containsEntry("threads", 1)
                .containsEntry("contextLength", 64)
                .containsEntry("slots", 2)
                .containsEntry("kvCache", "f16");
        assertThat(devUi.models()).extracting(m -> m.get("name")).contains("remote", "local", "chain-model", "agent-model");
    }

    @Test
    void everyComponentIsReady() {
        assertThat(devUi.components()).contains(
                Map.of("name", "greet", "kind", "Chain", "status", "ready"),
                Map.of("name", "reader", "kind", "Agent", "status", "ready"),
                Map.of("name", "local", "kind", "Model", "status", "ready"));
    }

    @Test
    void runsOfAChainAndAnAgentAreTheLastTracesAsRunTrees() {
        devUi.clearTraces();
        assertThat(greet.invoke(Map.of("who", "Ada")).toString()).contains("Hello, Ada");
        assertThat(reader.invoke("What?").output()).isEqualTo("ok");

        List<RunNode> traces = devUi.traces();
        assertThat(traces).extracting(RunNode::name).containsExactly("reader", "greet");
        RunNode chain = traces.get(1);
        assertThat(chain.type()).isEqualTo("chain");
        assertThat(chain.status()).isEqualTo("success");
        assertThat(chain.durationMillis()).isGreaterThanOrEqualTo(0);
        assertThat(chain.input()).contains("who=Ada");
        assertThat(chain.output()).contains("Hello, Ada");
        assertThat(chain.children()).isNotEmpty();
        assertThat(descendants(chain)).extracting(RunNode::type).contains("prompt", "llm", "parser");
        RunNode model = descendants(chain).stream().filter(c -> c.type().equals("llm")).findFirst().orElseThrow();
        assertThat(model.status()).isEqualTo("success");
        assertThat(model.durationMillis()).isGreaterThanOrEqualTo(0);
        assertThat(model.output()).contains("Hello, Ada");
        RunNode agent = traces.getFirst();
        assertThat(agent.type()).isEqualTo("agent");
        assertThat(agent.status()).isEqualTo("success");
        assertThat(descendants(agent)).extracting(RunNode::type).contains("llm");

        assertThat(devUi.clearTraces()).isZero();
        assertThat(devUi.traces()).isEmpty();
    }

    private static List<RunNode> descendants(RunNode run) {
        List<RunNode> out = new java.util.ArrayList<>();
        for (RunNode child : run.children()) {
            out.add(child);
            out.addAll(descendants(child));
        }
        return out;
    }
}
