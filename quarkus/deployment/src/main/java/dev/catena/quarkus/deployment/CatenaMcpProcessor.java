package dev.catena.quarkus.deployment;

import dev.catena.quarkus.RegisterCatenaService;
import dev.catena.quarkus.runtime.mcp.CatenaMcpClient;
import dev.catena.quarkus.runtime.mcp.CatenaMcpRecorder;
import dev.catena.quarkus.runtime.mcp.McpClientStartup;
import io.quarkus.arc.BeanDestroyer;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Build-time half of the MCP clients ({@code quarkus.catena.mcp.<name>.*}): one singleton bean of
 * type {@link CatenaMcpClient} per client, {@code @Named} and {@code @Identifier} by its name, closed
 * (its server stopped) when the application stops; a start-up observer opens those not marked lazy.
 * A typed service naming an unconfigured client fails the build.
 */
class CatenaMcpProcessor {

    private static final String MCP_CLASS = "dev.catena.agents.mcp.McpConnection";

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void clients(CatenaMcpRecorder recorder, CombinedIndexBuildItem index,
                 BuildProducer<SyntheticBeanBuildItem> beans, BuildProducer<AdditionalBeanBuildItem> additional) {
        Set<String> names = McpClientNames.configured();
        checkServices(index, names);
        if (names.isEmpty()) return;
        if (!QuarkusClassLoader.isClassPresentAtRuntime(MCP_CLASS)) {
            throw new IllegalStateException(McpClientNames.PREFIX + names.iterator().next()
                    + ": MCP clients need the module dev.catena:catena-agents-mcp; add it to the application's dependencies");
        }
        additional.produce(AdditionalBeanBuildItem.unremovableOf(McpClientStartup.class));
        for (String name : names) {
            beans.produce(SyntheticBeanBuildItem.configure(CatenaMcpClient.class)
                    .named(name)
                    .addQualifier().annotation(Identifier.class).addValue("value", name).done()
                    .scope(Singleton.class)
                    .unremovable()
                    .setRuntimeInit()
                    .supplier(recorder.client(name))
                    .destroyer(BeanDestroyer.AutoCloseableDestroyer.class)
                    .done());
        }
    }

    /** Every {@code mcpClients} name of a {@code @RegisterCatenaService} must be a configured client. */
    private static void checkServices(CombinedIndexBuildItem index, Set<String> names) {
        List<String> problems = new ArrayList<>();
        for (AnnotationInstance a : index.getIndex().getAnnotations(DotName.createSimple(RegisterCatenaService.class.getName()))) {
            AnnotationValue clients = a.value("mcpClients");
            if (clients == null) continue;
            for (String name : clients.asStringArray()) {
                if (!names.contains(name)) {
                    problems.add(a.target().asClass().name() + " names the MCP client '" + name + "', but none is configured: set "
                            + McpClientNames.PREFIX + name + ".command or " + McpClientNames.PREFIX + name + ".url (configured: " + names + ")");
                }
            }
        }
        if (!problems.isEmpty()) throw new IllegalStateException(String.join("\n", problems));
    }
}
