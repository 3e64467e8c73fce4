package dev.catena.quarkus.deployment;

import dev.catena.quarkus.RegisterCatenaService;
import dev.catena.quarkus.runtime.KnownTypes;
import dev.catena.quarkus.runtime.devui.CatenaJsonRpcService;
import dev.catena.quarkus.runtime.devui.RunTraces;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
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
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Catena card of the Dev UI: the configured models (with the kernels, context and slots the
 * running application chose), chains, agents, stores and memories with their source (YAML or
 * properties) and validation state, the last traces as run trees, typed services, the conversation
 * memory store and the MCP clients. Build-time data carries what the build knows; the JSON-RPC
 * service {@link CatenaJsonRpcService} what only the running application knows. Dev UI consumes the
 * card in dev mode only; it is not built in production.
 */
class CatenaDevUiProcessor {

    static final String MODELS = "models";
    static final String COMPONENTS = "components";
    static final String SERVICES = "services";
    static final String MEMORY = "memory";
    static final String MCP_CLIENTS = "mcpClients";
    static final String FILES = "files";
    static final String MODELS_PAGE = "qwc-catena-models.js";
    static final String COMPONENTS_PAGE = "qwc-catena-components.js";
    static final String TRACES_PAGE = "qwc-catena-traces.js";
    /** Property keys whose values the card never shows. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|api-key)$");

    /** The JSON-RPC service and the trace ring are beans in dev and test mode (tests call them directly). */
    @BuildStep(onlyIfNot = IsNormal.class)
    AdditionalBeanBuildItem devUiBeans() {
        return AdditionalBeanBuildItem.builder().setUnremovable().addBeanClasses(CatenaJsonRpcService.class, RunTraces.class).build();
    }

    @BuildStep(onlyIfNot = IsNormal.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(CatenaJsonRpcService.class);
    }

    @BuildStep(onlyIfNot = IsNormal.class)
    CardPageBuildItem card(CatenaFilesBuildItem files, CombinedIndexBuildItem index) {
        Config config = ConfigProvider.getConfig();
        List<Map<String, String>> models = new ArrayList<>();
        List<Map<String, String>> components = new ArrayList<>();
        configured(config).forEach(row -> ("Model".equals(row.get("kind")) ? models : components).add(row));
        files.declaredTypes().forEach((name, declared) -> {
            Map<String, String> row = row(name, declared.kind(), declared.type(), files.origins().get(name));
            row.put("source", files.contents().get(files.origins().get(name).substring(files.directory().length() + 1)));
            row.put("validation", VALID);
            ("Model".equals(declared.kind()) ? models : components).add(row);
        });

        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData(MODELS, models, "Chat and embedding models: name, type and where each is declared");
        card.addBuildTimeData(COMPONENTS, components, "Chains, agents, stores, retrievers, memories and tools");
        List<Map<String, String>> services = services(index);
        card.addBuildTimeData(SERVICES, services, "Interfaces annotated @RegisterCatenaService");
        card.addBuildTimeData(MEMORY, memory(config), "The default conversation memory (quarkus.catena.memory.*)");
        card.addBuildTimeData(MCP_CLIENTS, McpClientNames.configured().stream().map(n -> Map.of("name", n)).toList(),
                "MCP clients (quarkus.catena.mcp.<name>)");
        card.addBuildTimeData(FILES, fileStates(files), "Each YAML file and its validation state");
        card.addPage(Page.webComponentPageBuilder().title("Models").icon("font-awesome-solid:brain")
                .componentLink(MODELS_PAGE).staticLabel(String.valueOf(models.size())));
        card.addPage(Page.webComponentPageBuilder().title("Chains and agents").icon("font-awesome-solid:link")
                .componentLink(COMPONENTS_PAGE).staticLabel(String.valueOf(components.size())));
        card.addPage(Page.webComponentPageBuilder().title("Traces").icon("font-awesome-solid:timeline")
                .componentLink(TRACES_PAGE));
        card.addPage(table("Typed services", "font-awesome-solid:file-code", SERVICES, services.size()));
        card.addPage(Page.rawDataPageBuilder("Memory store").icon("font-awesome-solid:database").buildTimeDataKey(MEMORY));
        card.addPage(table("MCP clients", "font-awesome-solid:plug", MCP_CLIENTS, McpClientNames.configured().size()));
        return card;
    }

    /** The validation state of a file the build accepted. */
    static final String VALID = "valid";

    private static TableDataPageBuilder table(String title, String icon, String key, int count) {
        return Page.tableDataPageBuilder(title).icon(icon).buildTimeDataKey(key).staticLabel(String.valueOf(count));
    }

    /**
     * Components declared as {@code quarkus.catena.<section>.<name>.type}, with their properties as
     * source (secrets shown as {@code ****}); their values are checked when the application starts.
     */
    private static List<Map<String, String>> configured(Config config) {
        List<Map<String, String>> rows = new ArrayList<>();
        CatenaProcessor.configuredTypes(config).forEach((key, type) -> {
            String rest = key.substring("quarkus.catena.".length(), key.length() - ".type".length());
            String section = rest.substring(0, rest.indexOf('.'));
            Map<String, String> row = row(rest.substring(section.length() + 1), KnownTypes.SECTIONS.get(section), type, "quarkus.catena." + rest);
            row.put("source", properties(config, "quarkus.catena." + rest + "."));
            row.put("validation", "type checked at build time; values when the application starts");
            rows.add(row);
        });
        return rows;
    }

    /** The {@code key=value} lines under {@code prefix}, sorted; secret values masked. */
    private static String properties(Config config, String prefix) {
        Map<String, String> lines = new TreeMap<>();
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith(prefix)) continue;
            config.getOptionalValue(key, String.class).ifPresent(v -> lines.put(key, SECRET.matcher(key).matches() ? "****" : v));
        }
        StringBuilder out = new StringBuilder();
        lines.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** Every YAML file with its state: the build validated each (an invalid file fails the build with file:line:column). */
    private static List<Map<String, String>> fileStates(CatenaFilesBuildItem files) {
        List<Map<String, String>> rows = new ArrayList<>();
        new TreeMap<>(files.contents()).forEach((file, text) -> {
            if (!file.endsWith(".yaml") && !file.endsWith(".yml")) return;
            Map<String, String> row = new LinkedHashMap<>();
            row.put("file", files.directory() + "/" + file);
            row.put("validation", VALID);
            row.put("components", String.join(", ", files.origins().entrySet().stream()
                    .filter(e -> e.getValue().equals(files.directory() + "/" + file)).map(Map.Entry::getKey).sorted().toList()));
            rows.add(row);
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
