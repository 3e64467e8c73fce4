package dev.catena.quarkus.deployment;

import dev.catena.quarkus.RegisterCatenaService;
import dev.catena.quarkus.runtime.KnownTypes;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.devui.spi.page.TableDataPageBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Catena card of the Dev UI: tables of the configured models, chains and agents, stores and
 * memories, typed services, the conversation memory store and the MCP clients, all known at build
 * time. Dev UI consumes the card in dev mode only; it is not built in production.
 */
class CatenaDevUiProcessor {

    static final String MODELS = "models";
    static final String COMPONENTS = "components";
    static final String SERVICES = "services";
    static final String MEMORY = "memory";
    static final String MCP_CLIENTS = "mcpClients";

    @BuildStep(onlyIfNot = IsNormal.class)
    CardPageBuildItem card(CatenaFilesBuildItem files, CombinedIndexBuildItem index) {
        Config config = ConfigProvider.getConfig();
        List<Map<String, String>> models = new ArrayList<>();
        List<Map<String, String>> components = new ArrayList<>();
        configured(config).forEach(row -> ("Model".equals(row.get("kind")) ? models : components).add(row));
        files.declaredTypes().forEach((name, declared) -> ("Model".equals(declared.kind()) ? models : components)
                .add(row(name, declared.kind(), declared.type(), files.origins().get(name))));

        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData(MODELS, models, "Chat and embedding models: name, type and where each is declared");
        card.addBuildTimeData(COMPONENTS, components, "Chains, agents, stores, retrievers, memories and tools");
        List<Map<String, String>> services = services(index);
        card.addBuildTimeData(SERVICES, services, "Interfaces annotated @RegisterCatenaService");
        card.addBuildTimeData(MEMORY, memory(config), "The default conversation memory (quarkus.catena.memory.*)");
        card.addBuildTimeData(MCP_CLIENTS, McpClientNames.configured().stream().map(n -> Map.of("name", n)).toList(),
                "MCP clients (quarkus.catena.mcp.<name>)");
        card.addPage(table("Models", "font-awesome-solid:brain", MODELS, models.size()));
        card.addPage(table("Chains and agents", "font-awesome-solid:link", COMPONENTS, components.size()));
        card.addPage(table("Typed services", "font-awesome-solid:file-code", SERVICES, services.size()));
        card.addPage(Page.rawDataPageBuilder("Memory store").icon("font-awesome-solid:database").buildTimeDataKey(MEMORY));
        card.addPage(table("MCP clients", "font-awesome-solid:plug", MCP_CLIENTS, McpClientNames.configured().size()));
        return card;
    }

    private static TableDataPageBuilder table(String title, String icon, String key, int count) {
        return Page.tableDataPageBuilder(title).icon(icon).buildTimeDataKey(key).staticLabel(String.valueOf(count));
    }

    /** Components declared as {@code quarkus.catena.<section>.<name>.type}. */
    private static List<Map<String, String>> configured(Config config) {
        List<Map<String, String>> rows = new ArrayList<>();
        CatenaProcessor.configuredTypes(config).forEach((key, type) -> {
            String rest = key.substring("quarkus.catena.".length(), key.length() - ".type".length());
            String section = rest.substring(0, rest.indexOf('.'));
            rows.add(row(rest.substring(section.length() + 1), KnownTypes.SECTIONS.get(section), type, "quarkus.catena." + rest));
        });
        return rows;
    }

    private static Map<String, String> row(String name, String kind, String type, String declaredIn) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("kind", kind);
        row.put("type", type);
        row.put("declaredIn", declaredIn);
        return row;
    }

    private static List<Map<String, String>> services(CombinedIndexBuildItem index) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (AnnotationInstance a : index.getIndex().getAnnotations(DotName.createSimple(RegisterCatenaService.class.getName()))) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("service", a.target().asClass().name().toString());
            AnnotationValue model = a.value("model");
            row.put("model", model == null || model.asString().isEmpty() ? "(default ChatModel)" : model.asString());
            AnnotationValue tools = a.value("tools");
            row.put("tools", tools == null ? "" : Arrays.stream(tools.asClassArray()).map(t -> t.name().withoutPackagePrefix()).collect(Collectors.joining(", ")));
            AnnotationValue mcp = a.value("mcpClients");
            row.put("mcpClients", mcp == null ? "" : String.join(", ", mcp.asStringArray()));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, String> memory(Config config) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("store", config.getOptionalValue("quarkus.catena.memory.store", String.class).orElse("memory"));
        config.getOptionalValue("quarkus.catena.memory.datasource", String.class).ifPresent(d -> out.put("datasource", d));
        config.getOptionalValue("quarkus.catena.memory.path", String.class).ifPresent(p -> out.put("path", p));
        return out;
    }
}
