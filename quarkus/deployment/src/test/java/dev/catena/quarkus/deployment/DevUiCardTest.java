package dev.catena.quarkus.deployment;

import dev.catena.quarkus.RegisterCatenaService;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.devui.spi.buildtime.BuildTimeData;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.PageBuilder;
import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dev UI card's build-time data lists what the application configured: models from properties
 * and YAML, chains and agents with their files, typed services, the memory store and MCP clients.
 * The build step below stands in for Dev UI, which consumes the card in dev mode; it hands the
 * data to the test through system properties, since the build runs in another class loader.
 */
class DevUiCardTest {

    private static final String PROPERTY = "catena.test.devui.";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClass(Helper.class)
                    .addAsResource(new StringAsset("""
                            apiVersion: catena/v1
                            kind: Bundle
                            models:
                              - {name: yaml-model, type: scripted, responses: ["Final Answer: ok"]}
                            chains:
                              - {name: greet, type: llm, model: {ref: yaml-model}, template: "Greet {who}"}
                            agents:
                              - {name: reader, type: react, model: {ref: yaml-model}, maxIterations: 2}
                            """), "catena/app.yaml"))
            .overrideConfigKey("quarkus.catena.models.remote.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.remote.responses", "hi")
            .overrideConfigKey("quarkus.catena.memory.store", "memory")
            .overrideConfigKey("quarkus.catena.mcp.docs.url", "http://127.0.0.1:9/mcp")
            .overrideConfigKey("quarkus.catena.mcp.docs.lazy", "true")
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    for (CardPageBuildItem card : context.consumeMulti(CardPageBuildItem.class)) {
                        if (!card.getBuildTimeData().containsKey(CatenaDevUiProcessor.MODELS)) continue;
                        card.getBuildTimeData().forEach((key, data) -> System.setProperty(PROPERTY + key, String.valueOf(data.getContent())));
                        System.setProperty(PROPERTY + "pages", card.getPages().stream().map(p -> p.build().getTitle()).toList().toString());
                    }
                    context.produce(new FeatureBuildItem("catena-devui-test"));
                }
            }).consumes(CardPageBuildItem.class).produces(FeatureBuildItem.class).build());

    @RegisterCatenaService(model = "remote", mcpClients = "docs")
    public interface Helper {
        String ask(String question);
    }

    @AfterAll
    static void clear() {
        System.getProperties().keySet().removeIf(k -> k.toString().startsWith(PROPERTY));
    }

    private static String data(String key) {
        String value = System.getProperty(PROPERTY + key);
        assertThat(value).as("build-time data '%s' of the Catena card", key).isNotNull();
        return value;
    }

    @Test
    void modelsFromPropertiesAndYamlAreListedWithTheirTypeAndOrigin() {
        assertThat(data(CatenaDevUiProcessor.MODELS))
                .contains("{name=remote, kind=Model, type=scripted, declaredIn=quarkus.catena.models.remote}")
                .contains("{name=yaml-model, kind=Model, type=scripted, declaredIn=catena/app.yaml}");
    }

    @Test
    void chainsAndAgentsAreListedWithTheirFile() {
        assertThat(data(CatenaDevUiProcessor.COMPONENTS))
                .contains("{name=greet, kind=Chain, type=llm, declaredIn=catena/app.yaml}")
                .contains("{name=reader, kind=Agent, type=react, declaredIn=catena/app.yaml}")
                .doesNotContain("yaml-model");
    }

    @Test
    void typedServicesMemoryAndMcpClientsAreListed() {
        assertThat(data(CatenaDevUiProcessor.SERVICES))
                .contains("service=" + Helper.class.getName()).contains("model=remote").contains("mcpClients=docs");
        assertThat(data(CatenaDevUiProcessor.MEMORY)).isEqualTo("{store=memory}");
        assertThat(data(CatenaDevUiProcessor.MCP_CLIENTS)).isEqualTo("[{name=docs}]");
        assertThat(data("pages")).isEqualTo("[Models, Chains and agents, Typed services, Memory store, MCP clients]");
    }
}
